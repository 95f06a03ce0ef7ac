import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import type { Delivery } from '../../notifications/kinds';
import { PersonEntity } from './person.entity';

/**
 * What a person chose to be told, and how: per kind of notification (`task-opened`, `meeting-invited`, …) immediate
 * (the default, so a kind absent here), in the daily digest at `digest_hour` of the network's day, or muted.
 */
@Entity({ name: 'notification_preferences' })
@Check('ck_notification_preferences_digest_hour', `"digest_hour" BETWEEN 0 AND 23`)
export class NotificationPreferencesEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'pk_notification_preferences' })
  personId: string;

  @OneToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_notification_preferences_person' })
  person?: PersonEntity;

  @Column({ type: 'jsonb', default: {} })
  deliveries: Partial<Record<string, Exclude<Delivery, 'immediate'>>>;

  @Column({ name: 'digest_hour', type: 'smallint', default: 7 })
  digestHour: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
