import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';
import { PersonEntity } from './person.entity';

/**
 * A person away, and who stands in for them: from `startsAt` until `endsAt` (or `endedAt`, ended early), the
 * substitute acts on the absent person's agency's tasks, and both names are kept on what they do. Never deleted.
 */
@Entity({ name: 'absences' })
@Index('ix_absences_substitute', ['substituteId', 'endsAt'])
@Index('ix_absences_person', ['personId', 'endsAt'])
@Check('ck_absences_period', `"ends_at" > "starts_at"`)
@Check('ck_absences_substitute', `"substitute_id" <> "person_id"`)
export class AbsenceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_absences' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'substitute_id', type: 'uuid' })
  substituteId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Who set it, as the audit log names callers: the person themself, or the coordinator (whose leave another agency's substitute needs). */
  @Column({ name: 'set_by', type: 'text' })
  setBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Ended before `endsAt` (back early): the substitute stops acting at once. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_absences_network' })
  network?: NetworkEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_absences_person' })
  person?: PersonEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id', foreignKeyConstraintName: 'fk_absences_substitute' })
  substitute?: PersonEntity;
}
