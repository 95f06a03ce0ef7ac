import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { PersonEntity } from './person.entity';

/**
 * A person signed in. An OpenID session is an address the provider vouched for: in each network it acts as the active
 * person of that address there. A sign-in link's acts as the one person it was issued for. Both are read on every
 * request; only the SHA-256 of the cookie's secret is stored.
 */
@Entity({ name: 'sessions' })
@Check('ck_sessions_method', `"method" IN ('oidc', 'link')`)
@Check('ck_sessions_link_person', `("method" = 'link') = ("person_id" IS NOT NULL)`)
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sessions' })
  id: string;

  @Index('ux_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** Lower case, as people's addresses are. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  method: 'oidc' | 'link';

  /** A sign-in link's person: the only one the session acts as (null for OpenID: the address, in every network). */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_sessions_person' })
  person?: PersonEntity;

  /** The OpenID provider and its subject, for the record (null for a sign-in link). */
  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Signed out. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
