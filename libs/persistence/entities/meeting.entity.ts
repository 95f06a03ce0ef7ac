import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { AgendaItem, Attendance, MeetingState, MinutesReview } from '../../processes/meeting/meeting';

/** Read model of a Network meeting, written only by its workflow. */
@Entity({ name: 'meetings' })
export class MeetingEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_meetings' })
  networkCode: string;

  /** `2027-Q2` or `adhoc-…`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_meetings' })
  id: string;

  @Index('ux_meetings_workflow_id', { unique: true })
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'text' })
  kind: 'quarterly' | 'adhoc';

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  quarter: number | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  status: MeetingState['status'];

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ name: 'agenda_call_at', type: 'timestamptz' })
  agendaCallAt: Date;

  @Column({ name: 'agenda_due_at', type: 'timestamptz' })
  agendaDueAt: Date;

  @Column({ type: 'jsonb' })
  agenda: AgendaItem[];

  @Column({ name: 'agenda_published_at', type: 'timestamptz', nullable: true })
  agendaPublishedAt: Date | null;

  @Column({ type: 'jsonb' })
  attendance: Attendance[];

  /** Every version of the minutes, the last current. */
  @Column({ type: 'jsonb' })
  minutes: MeetingState['minutes'];

  /** Decisions taken at the meeting, as recorded. */
  @Column({ type: 'jsonb' })
  decisions: string[];

  /** Each adopt-minutes decision and its outcome. */
  @Column({ type: 'jsonb' })
  reviews: MinutesReview[];

  @Column({ type: 'jsonb' })
  reschedules: MeetingState['reschedules'];

  @Column({ type: 'jsonb', nullable: true })
  cancelled: MeetingState['cancelled'];

  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ name: 'adopted_at', type: 'timestamptz', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'int' })
  revision: number;
}

/** An action item a meeting recorded: a task of its owner agency, carried to every later agenda while open. */
@Entity({ name: 'action_items' })
@Index('ix_action_items_owner', ['networkCode', 'owner', 'status'])
export class ActionItemEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_action_items' })
  networkCode: string;

  /** The task's id. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_action_items' })
  id: string;

  /** The workflow id of the meeting that recorded it. */
  @Column({ type: 'text' })
  meeting: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  owner: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'impediment_id', type: 'text', nullable: true })
  impedimentId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason: string | null;

  /** The meetings (workflow ids) whose agenda carried it. */
  @Column({ name: 'carried_to', type: 'text', array: true, default: () => "'{}'" })
  carriedTo: string[];

  @Column({ type: 'int' })
  version: number;
}
