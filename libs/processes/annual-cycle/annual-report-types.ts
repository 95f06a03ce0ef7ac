import type { ActivityStatus } from './work-plan';

/**
 * The annual report (ToR objective 9), drafted from the year's data when the year ends; the coordinator finalises it.
 */
export interface AnnualReport {
  readonly network: string;
  readonly year: number;
  readonly draftedAt: string;
  readonly planRevision: number | null;
  readonly endorsedAt: string | null;
  readonly activities: readonly {
    readonly id: string;
    readonly title: string;
    readonly leadAgency: string;
    readonly gcmObjectives: readonly number[];
    readonly status: ActivityStatus | 'not-reported';
    readonly quarters: readonly {
      readonly quarter: number;
      readonly status: ActivityStatus | 'missed' | 'not-due';
      readonly late: boolean;
    }[];
    /** Baseline, the value reported each quarter (null where none was) and target; absent in reports drafted before. */
    readonly indicators?: readonly {
      readonly name: string;
      readonly baseline: string;
      readonly target: string;
      readonly actuals: readonly (string | null)[];
    }[];
  }[];
  readonly gcmCoverage: readonly {
    readonly objective: number;
    readonly title: string;
    readonly activities: readonly string[];
  }[];
  readonly uncoveredGcmObjectives: readonly number[];
  readonly revisions: readonly {
    readonly revision: number;
    readonly submittedAt: string;
    readonly objections: readonly { readonly agency: string; readonly comment: string }[];
  }[];
  readonly contributions: readonly { readonly agency: string; readonly activities: number | null }[];
  readonly tasksByAgency: readonly {
    readonly agency: string;
    readonly completed: number;
    readonly late: number;
    readonly missed: number;
    readonly cancelled: number;
  }[];
  readonly lateTasks: readonly {
    readonly id: string;
    readonly assignee: string;
    readonly dueAt: string;
    readonly completedAt: string;
  }[];
  readonly missedTasks: readonly {
    readonly id: string;
    readonly assignee: string;
    readonly dueAt: string;
    readonly meaning: string;
  }[];
  /** The Network's meetings, action items, TWG rounds and impediments of the year; absent for cycles that did not run them. */
  readonly networkYear?: NetworkYearSummary;
}

/** What the year's meetings and TWG rounds did, read from their read models when the year ends. */
export interface NetworkYearSummary {
  readonly meetings: readonly {
    readonly id: string;
    readonly kind: string;
    readonly title: string;
    readonly status: string;
    readonly scheduledAt: string;
    readonly heldAt: string | null;
    readonly minutesAdoptedAt: string | null;
    readonly decisions: readonly string[];
  }[];
  /** Per owner agency: done, done after the due date, still open, open past the due date, dropped. */
  readonly actionItemsByAgency: readonly {
    readonly agency: string;
    readonly done: number;
    readonly doneLate: number;
    readonly open: number;
    readonly overdue: number;
    readonly dropped: number;
  }[];
  readonly twgUpdatesByAgency: readonly {
    readonly agency: string;
    readonly submitted: number;
    readonly missed: number;
  }[];
  readonly twgRounds: readonly {
    readonly id: string;
    readonly twg: string;
    readonly period: number;
    readonly status: string;
    readonly submitted: readonly string[];
    readonly missed: readonly string[];
  }[];
  readonly impediments: { readonly raised: number; readonly resolved: number; readonly stillOpen: number };
  /** Issues the TWGs asked the Network to raise with the Government, with their status. */
  readonly governmentIssues: readonly {
    readonly id: string;
    readonly twg: string;
    readonly description: string;
    readonly status: string;
  }[];
}
