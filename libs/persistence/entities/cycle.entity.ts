import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

import type { Calendar } from '../../domain/calendar';
import type { CycleState } from '../../processes/annual-cycle/annual-cycle';

/** Read model of an annual cycle, written only by its workflow's projection activity. */
@Entity({ name: 'cycles' })
export class CycleEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_cycles' })
  networkCode: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_cycles' })
  year: number;

  @Index('ux_cycles_workflow_id', { unique: true })
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'text' })
  phase: CycleState['phase'];

  @Column({ type: 'jsonb' })
  calendar: Calendar;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'phase_entered_at', type: 'timestamptz', nullable: true })
  phaseEnteredAt: Date | null;

  /** The latest plan revision, once the coordinator has submitted one. */
  @Column({ name: 'plan_revision', type: 'int', nullable: true })
  planRevision: number | null;

  /** The annual report: drafted when the year ends, finalised by the coordinator. */
  @Column({ type: 'jsonb', nullable: true })
  report: CycleState['report'];

  /** Events folded into this row; an upsert only moves forward. */
  @Column({ type: 'int' })
  revision: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => NetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_cycles_network' })
  network?: NetworkEntity;
}
