/**
 * The annual work plan (ToR objective 3) and its activities: what agencies contribute, what the coordinator
 * consolidates, what members endorse and lead agencies report on each quarter. Their answers' schemas: answers.ts.
 */
export interface Indicator {
  readonly name: string;
  readonly baseline: string;
  readonly target: string;
}

/** What an agency proposes; the coordinator turns proposals into plan activities. */
export interface ActivityProposal {
  readonly title: string;
  readonly description: string;
  readonly leadAgency: string;
  readonly partnerAgencies: readonly string[];
  /** One or more of the 23 GCM objectives (Annex I). */
  readonly gcmObjectives: readonly number[];
  /** One of the Network's own objectives (1–9 for Timor-Leste). */
  readonly networkObjective: number;
  readonly twg?: string;
  /** Milestones for Q1–Q4, in order; an empty string where a quarter has none. */
  readonly milestones: readonly string[];
  readonly indicators: readonly Indicator[];
}

export interface PlanActivity extends ActivityProposal {
  /** Stable across revisions, chosen by the coordinator (e.g. `A1`); progress reports refer to it. */
  readonly id: string;
}

export const ACTIVITY_STATUSES = ['on-track', 'delayed', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
