import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { PersonEntity } from './person.entity';

/** A one-time sign-in for a person, where no OpenID provider exists: only its SHA-256 is stored; used once. */
@Entity({ name: 'sign_in_links' })
export class SignInLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sign_in_links' })
  id: string;

  @Index('ux_sign_in_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_sign_in_links_person' })
  person?: PersonEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
