import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { TaskKind, TaskStatus } from '../../domain/tasks';

/** Read model of a task, written only by the owning workflow's projection; people find their work here. */
@Entity({ name: 'tasks' })
@Index('ix_tasks_assignee', ['networkCode', 'assignee', 'status'])
@Index('ix_tasks_process', ['networkCode', 'process'])
export class TaskEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_tasks' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @Column({ type: 'text' })
  process: string;

  @Column({ type: 'text' })
  kind: TaskKind;

  @Column({ type: 'text' })
  assignee: string;

  @Column({ name: 'assignee_role', type: 'text' })
  assigneeRole: 'agency' | 'coordinator';

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  status: TaskStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'remind_at', type: 'timestamptz' })
  remindAt: Date;

  @Column({ name: 'escalate_at', type: 'timestamptz', nullable: true })
  escalateAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;

  /** The person who completed it on behalf of `completedBy`, when a person did. */
  @Column({ name: 'completed_by_person', type: 'text', nullable: true })
  completedByPerson: string | null;

  /** The absent person `completedByPerson` stood in for, when a substitute completed it. */
  @Column({ name: 'completed_on_behalf_of', type: 'text', nullable: true })
  completedOnBehalfOf: string | null;

  @Column({ type: 'int' })
  submissions: number;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason: string | null;

  /** Bumped by every change in the workflow; an upsert only moves forward. */
  @Column({ type: 'int' })
  version: number;
}
