import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

import type { ActivityStatus, Indicator } from '../../processes/annual-cycle/work-plan';
import type { PlanRevision, ProgressReport } from '../../processes/annual-cycle/annual-cycle';

/** Every revision of a cycle's work plan, with the objections that sent it back. */
@Entity({ name: 'plan_revisions' })
export class PlanRevisionEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_plan_revisions' })
  networkCode: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_plan_revisions' })
  year: number;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_plan_revisions' })
  revision: number;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  activities: PlanRevision['activities'];

  @Column({ type: 'jsonb' })
  objections: PlanRevision['objections'];

  @Column({ name: 'endorsed_at', type: 'timestamptz', nullable: true })
  endorsedAt: Date | null;

  /** The cycle revision this row was written at; an upsert only moves forward. */
  @Column({ name: 'cycle_revision', type: 'int' })
  cycleRevision: number;
}

/** The activities of a cycle's latest plan revision, with their progress reports. */
@Entity({ name: 'plan_activities' })
@Check(
  'ck_plan_activities_markers',
  `("gender_marker" IS NULL OR "gender_marker" BETWEEN 0 AND 3) AND ("human_rights_marker" IS NULL OR "human_rights_marker" BETWEEN 0 AND 3)`,
)
export class PlanActivityEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_plan_activities' })
  networkCode: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_plan_activities' })
  year: number;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_plan_activities' })
  id: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'lead_agency', type: 'text' })
  leadAgency: string;

  @Column({ name: 'partner_agencies', type: 'text', array: true })
  partnerAgencies: string[];

  @Column({ name: 'gcm_objectives', type: 'int', array: true })
  gcmObjectives: number[];

  @Column({ name: 'network_objective', type: 'int' })
  networkObjective: number;

  @Column({ type: 'text', nullable: true })
  twg: string | null;

  @Column({ type: 'jsonb' })
  milestones: string[];

  @Column({ type: 'jsonb' })
  indicators: Indicator[];

  /** UN INFO's fields (optional in the plan: empty or null where it gives none). */
  @Column({ name: 'sdg_targets', type: 'text', array: true, default: () => "'{}'" })
  sdgTargets: string[];

  @Column({ name: 'gender_marker', type: 'smallint', nullable: true })
  genderMarker: number | null;

  @Column({ name: 'human_rights_marker', type: 'smallint', nullable: true })
  humanRightsMarker: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  geography: string[];

  @Column({ type: 'jsonb', nullable: true })
  budget: { planned: number; available?: number } | null;

  /** The latest reported status; null until a first report. */
  @Column({ type: 'text', nullable: true })
  status: ActivityStatus | null;

  @Column({ type: 'jsonb' })
  progress: ProgressReport[];

  @Column({ name: 'cycle_revision', type: 'int' })
  cycleRevision: number;
}
