import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ImpedimentStatus } from '../../processes/meeting/meeting';
import type { TwgReport, TwgRoundState, TwgUpdate } from '../../processes/twg-round/twg-round';

/** Read model of a TWG reporting round, written only by its workflow. */
@Entity({ name: 'twg_rounds' })
@Index('ix_twg_rounds_twg', ['networkCode', 'twg'])
export class TwgRoundEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_twg_rounds' })
  networkCode: string;

  /** The workflow id: `twg-round:tl:labour-migration:2027-P3`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_twg_rounds' })
  id: string;

  @Column({ type: 'text' })
  twg: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  period: number;

  @Column({ type: 'text' })
  status: TwgRoundState['status'];

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  /** Each member's update; null where it was missing. */
  @Column({ type: 'jsonb' })
  updates: Record<string, TwgUpdate | null>;

  @Column({ type: 'jsonb', nullable: true })
  report: TwgReport | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Why the round ended without a report: its TWG was abolished. */
  @Column({ name: 'cancelled_reason', type: 'text', nullable: true })
  cancelledReason: string | null;

  @Column({ type: 'int' })
  revision: number;
}

/** The register of impediments that TWG rounds raised: for the Network to address, or to raise with the Government. */
@Entity({ name: 'impediments' })
@Index('ix_impediments_status', ['networkCode', 'status', 'target'])
export class ImpedimentEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_impediments' })
  networkCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_impediments' })
  id: string;

  @Column({ type: 'text' })
  twg: string;

  @Column({ name: 'round_id', type: 'text' })
  roundId: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ name: 'gcm_objectives', type: 'int', array: true })
  gcmObjectives: number[];

  @Column({ type: 'text' })
  target: 'network' | 'government';

  /** open → in-progress (an action item addresses it) / raised (with the Government) → resolved, as meetings decide. */
  @Column({ type: 'text' })
  status: ImpedimentStatus;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'status_note', type: 'text', nullable: true })
  statusNote: string | null;

  /** The meeting or action item that last set the status. */
  @Column({ name: 'status_by', type: 'text', nullable: true })
  statusBy: string | null;

  @Column({ name: 'status_at', type: 'timestamptz', nullable: true })
  statusAt: Date | null;
}
