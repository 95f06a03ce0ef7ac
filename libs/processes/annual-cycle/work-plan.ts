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
  // What UN INFO asks of an activity, below: all optional (the ToR does not require them; older plans have none).
  /** SDG targets it contributes to: `10.7`, `8.8`, `5.a`. */
  readonly sdgTargets?: readonly string[];
  /** The UN gender equality marker (0: no contribution … 3: the principal objective). */
  readonly genderMarker?: number;
  /** The UN human rights marker, on the same scale. */
  readonly humanRightsMarker?: number;
  /** Where it takes place: `National`, or the municipalities. */
  readonly geography?: readonly string[];
  /** The year's budget in US dollars: planned, and available (funded) so far; spending comes with progress reports. */
  readonly budget?: { readonly planned: number; readonly available?: number };
}

export interface PlanActivity extends ActivityProposal {
  /** Stable across revisions, chosen by the coordinator (e.g. `A1`); progress reports refer to it. */
  readonly id: string;
}

export const ACTIVITY_STATUSES = ['on-track', 'delayed', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** An SDG target: goal 1–17, then a number or a letter (`10.7`, `5.a`). */
export const SDG_TARGET = /^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$/;

export const ACTIVITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
