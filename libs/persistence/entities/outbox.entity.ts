import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';
import { WebhookEntity } from './webhook.entity';

export const OUTBOX_STATUSES = [
  'pending',
  'sending',
  'sent',
  'bounced',
  'failed',
  'held',
  'muted',
  'digested',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A notification to one recipient, written once under its idempotency key (the workflow, the fact and the person) and
 * delivered by the dispatcher: `pending` → `sending` (leased) → `sent`; `bounced` when the server refuses the address,
 * `failed` after the last retry (both visible to the coordinator, and retried on request). For a person who takes the
 * kind in the daily digest, `held` until the digest hour (its `next_attempt_at`), then `digested` into the digest's
 * row; for one who muted it, `muted`: written all the same, so what they were not told is on record.
 */
@Entity({ name: 'outbox' })
@Index('ux_outbox_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_outbox_due', ['nextAttemptAt'], { where: `"status" IN ('pending', 'sending')` })
@Index('ix_outbox_network_status', ['networkCode', 'status', 'id'])
@Index('ix_outbox_task', ['taskId'])
@Index('ix_outbox_workflow', ['workflowId'])
@Index('ix_outbox_held', ['nextAttemptAt'], { where: `"status" = 'held'` })
@Index('ux_outbox_unsubscribe_token', ['unsubscribeToken'], { unique: true, where: `"unsubscribe_token" IS NOT NULL` })
@Check(
  'ck_outbox_status',
  `"status" IN ('pending', 'sending', 'sent', 'bounced', 'failed', 'held', 'muted', 'digested')`,
)
@Index('ix_outbox_webhook', ['webhookId'])
@Check('ck_outbox_channel', `"channel" IN ('email', 'webhook')`)
@Check('ck_outbox_webhook', `("channel" = 'webhook') = ("webhook_id" IS NOT NULL)`)
@Check(
  'ck_outbox_calendar',
  `("calendar" IS NULL) = ("calendar_method" IS NULL) AND "calendar_method" IN ('REQUEST', 'CANCEL')`,
)
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** What it tells: `task-opened`, `task-changed`, `task-reminded`, `task-escalated`. */
  @Column({ type: 'text' })
  kind: string;

  /** The fact, as the task's state shows it (`assigned:ILO:2030-…`, `reminded:2030-…`): one per task and recipient. */
  @Column({ type: 'text' })
  event: string;

  /** The process whose fact it tells. */
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'task_id', type: 'text', nullable: true })
  taskId: string | null;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  /** `email` to a person, or `webhook`: a signed POST of its JSON (`body_text`) to a network's webhook. */
  @Column({ type: 'text', default: 'email' })
  channel: 'email' | 'webhook';

  @Column({ name: 'webhook_id', type: 'uuid', nullable: true })
  webhookId: string | null;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'fk_outbox_webhook' })
  webhook?: WebhookEntity;

  /** The address it goes to, as it was when written (a webhook's URL). */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  /** An iCalendar invitation the mail carries (a meeting's), and its method: REQUEST, or CANCEL. */
  @Column({ type: 'text', nullable: true })
  calendar: string | null;

  @Column({ name: 'calendar_method', type: 'text', nullable: true })
  calendarMethod: 'REQUEST' | 'CANCEL' | null;

  /** Where the mail's reader acts (the task's page): what a digest lists for it. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** Its List-Unsubscribe URL's token: turns this kind off (or to the digest) for this person, nothing else. */
  @Column({ name: 'unsubscribe_token', type: 'text', nullable: true })
  unsubscribeToken: string | null;

  /** The digest a `digested` row went out in. */
  @Column({ name: 'digest_id', type: 'bigint', nullable: true })
  digestId: string | null;

  @ManyToOne(() => OutboxEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'digest_id', foreignKeyConstraintName: 'fk_outbox_digest' })
  digest?: OutboxEntity;

  @Column({ type: 'text', default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** A dispatcher's lease on a row it is sending; another takes it over once it lapses (that dispatcher died). */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_outbox_network' })
  network?: NetworkEntity;
}

/** One delivery attempt of an outbox row and what came of it (`retry`: a temporary failure, tried again later). */
@Entity({ name: 'notification_attempts' })
@Index('ix_notification_attempts_outbox', ['outboxId'])
@Check('ck_notification_attempts_outcome', `"outcome" IN ('sent', 'bounced', 'failed', 'retry')`)
export class NotificationAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_notification_attempts' })
  id: string;

  @Column({ name: 'outbox_id', type: 'bigint' })
  outboxId: string;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  outcome: 'sent' | 'bounced' | 'failed' | 'retry';

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @ManyToOne(() => OutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_id', foreignKeyConstraintName: 'fk_notification_attempts_outbox' })
  outbox?: OutboxEntity;
}
