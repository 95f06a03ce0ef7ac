import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { PersonEntity } from './person.entity';

/**
 * A person's calendar feed (`GET /networks/{n}/calendar.ics?token=…`): a calendar program cannot sign in, so the feed's
 * URL carries a token of its own, which reads that one feed and nothing else. Only its SHA-256 is kept; a new one
 * revokes the old.
 */
@Entity({ name: 'calendar_tokens' })
export class CalendarTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_calendar_tokens' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_calendar_tokens_person' })
  person?: PersonEntity;

  @Index('ux_calendar_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
