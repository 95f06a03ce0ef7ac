import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { DecisionKind, DecisionProposal, DecisionState } from '../../processes/decision/decision';

/** Read model of a decision by silence procedure, written only by its workflow. */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_decisions' })
  networkCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_decisions' })
  id: string;

  @Index('ux_decisions_workflow_id', { unique: true })
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'text' })
  kind: DecisionKind;

  @Column({ type: 'text' })
  status: DecisionState['status'];

  @Column({ type: 'int' })
  round: number;

  /** The proposal as last circulated: title, text, payload, deadline. */
  @Column({ type: 'jsonb', nullable: true })
  proposal: DecisionProposal | null;

  @Column({ type: 'jsonb' })
  objections: DecisionState['objections'];

  @Column({ name: 'circulated_at', type: 'timestamptz', nullable: true })
  circulatedAt: Date | null;

  @Column({ name: 'adopted_at', type: 'timestamptz', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  withdrawn: { at: string; by: string; reason: string } | null;

  @Column({ name: 'effect_applied_at', type: 'timestamptz', nullable: true })
  effectAppliedAt: Date | null;

  @Column({ name: 'effect_outcome', type: 'text', nullable: true })
  effectOutcome: string | null;

  @Column({ type: 'int' })
  revision: number;
}
