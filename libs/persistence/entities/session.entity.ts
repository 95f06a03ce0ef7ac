import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person signed in: an e-mail address a provider (or a sign-in link) vouched for. It acts, in each network, as the
 * active person of that address there, read on every request; only the SHA-256 of the cookie's secret is stored.
 */
@Entity({ name: 'sessions' })
@Check('ck_sessions_method', `"method" IN ('oidc', 'link')`)
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
