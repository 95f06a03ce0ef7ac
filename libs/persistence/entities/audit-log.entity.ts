import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { AuditOutcomeName } from '../audit-chain';

/**
 * Every command sent to the API, accepted or rejected, in a hash chain per network: each row carries the hash of the
 * one before it, so a changed or deleted row shows. Temporal keeps neither rejected Updates nor who sent a command.
 * A trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_audit_log' })
  networkCode: string;

  /** 1, 2, 3 … within the network. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_agency', type: 'text', nullable: true })
  actorAgency: string | null;

  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId: string | null;

  /** The person who sent it, when the key or session was a person's; null on older rows and for service accounts. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  /** Their name then. */
  @Column({ name: 'actor_person', type: 'text', nullable: true })
  actorPerson: string | null;

  /** The absent person the sender stood in for (an absence's substitute), and their name then; null otherwise. */
  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true })
  onBehalfOfId: string | null;

  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf: string | null;

  /** `POST /networks/:network/tasks/:id/complete` */
  @Column({ type: 'text' })
  command: string;

  /** The workflow or task the command was aimed at. */
  @Column({ type: 'text', nullable: true })
  target: string | null;

  @Column({ type: 'jsonb', nullable: true })
  payload: unknown;

  @Column({ type: 'text' })
  outcome: AuditOutcomeName;

  @Column({ type: 'int' })
  status: number;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;

  /** The API's Ed25519 signature of `hash` (`keyId:base64`); null on rows written before signing began. */
  @Column({ type: 'text', nullable: true })
  signature: string | null;
}
