import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

/**
 * A receiver of a network's notifications over HTTP (a chat channel's incoming webhook, or any URL), told the kinds it
 * asks for (all when `kinds` is null) with a body signed by its secret (HMAC-SHA256). The secret is kept as it is,
 * since signing needs it; it is shown once, when the webhook is made.
 */
@Entity({ name: 'webhooks' })
@Index('ix_webhooks_network', ['networkCode'])
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhooks' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_webhooks_network' })
  network?: NetworkEntity;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'text', array: true, nullable: true })
  kinds: string[] | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Who made it (the key's or the person's label, as the audit log names actors). */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
