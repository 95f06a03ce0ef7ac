import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { TwgReport, TwgRoundState, TwgUpdate } from '../../domain/twg-round';

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

  /** open until a meeting resolves it (meetings come with their own part of the issue). */
  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;
}
