import type { FieldError } from '../../domain/field-error';
import { GCM_OBJECTIVES } from '../../domain/gcm-objectives';

/**
 * The annual work plan (ToR objective 3) and its activities: what agencies contribute, what the coordinator
 * consolidates, what members endorse and lead agencies report on each quarter. Validation is pure and names fields.
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

/** What validation needs to know about the network. */
export interface PlanContext {
  readonly members: readonly string[];
  readonly networkObjectives: number;
}

export const ACTIVITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const MAX_ACTIVITIES = 200;
const MAX_TEXT = 4_000;

type Fail = (field: string, message: string) => void;

function text(value: unknown, field: string, fail: Fail, required = true): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
  else if (value.length > MAX_TEXT) fail(field, `must be at most ${MAX_TEXT} characters`);
}

const join = (field: string, key: string) => (field ? `${field}.${key}` : key);

function onlyKeys(value: object, allowed: readonly string[], field: string, fail: Fail): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(join(field, key), 'is not a known field');
}

const ACTIVITY_KEYS = [
  'id',
  'title',
  'description',
  'leadAgency',
  'partnerAgencies',
  'gcmObjectives',
  'networkObjective',
  'twg',
  'milestones',
  'indicators',
];

function checkActivity(a: unknown, field: string, ctx: PlanContext, fail: Fail, withId: boolean): void {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return fail(field, 'must be an object');
  const act = a as Record<string, unknown>;
  onlyKeys(act, withId ? ACTIVITY_KEYS : ACTIVITY_KEYS.slice(1), field, fail);
  if (withId && (typeof act.id !== 'string' || !ACTIVITY_ID.test(act.id)))
    fail(`${field}.id`, 'must be a short id such as A1');
  text(act.title, `${field}.title`, fail);
  text(act.description, `${field}.description`, fail);
  if (typeof act.leadAgency !== 'string' || !ctx.members.includes(act.leadAgency)) {
    fail(`${field}.leadAgency`, `must be a member agency of the network (${ctx.members.join(', ')})`);
  }
  if (
    !Array.isArray(act.partnerAgencies) ||
    act.partnerAgencies.some((p) => typeof p !== 'string' || p.trim() === '')
  ) {
    fail(`${field}.partnerAgencies`, 'must be a list of agency codes (may be empty)');
  }
  const gcm = act.gcmObjectives;
  if (!Array.isArray(gcm) || gcm.length === 0)
    fail(`${field}.gcmObjectives`, 'must list at least one GCM objective (1-23)');
  else if (gcm.some((n) => !Number.isInteger(n) || n < 1 || n > GCM_OBJECTIVES.length))
    fail(`${field}.gcmObjectives`, 'must hold GCM objective numbers from 1 to 23');
  else if (new Set(gcm).size !== gcm.length) fail(`${field}.gcmObjectives`, 'must not repeat an objective');
  const no = act.networkObjective;
  if (!Number.isInteger(no) || (no as number) < 1 || (no as number) > ctx.networkObjectives) {
    fail(`${field}.networkObjective`, `must be a Network objective from 1 to ${ctx.networkObjectives}`);
  }
  if (act.twg !== undefined) text(act.twg, `${field}.twg`, fail);
  if (
    !Array.isArray(act.milestones) ||
    act.milestones.length !== 4 ||
    act.milestones.some((m) => typeof m !== 'string')
  ) {
    fail(`${field}.milestones`, 'must be four strings, one per quarter (empty where a quarter has none)');
  }
  if (!Array.isArray(act.indicators)) fail(`${field}.indicators`, 'must be a list of {name, baseline, target}');
  else
    act.indicators.forEach((ind: unknown, i) => {
      const f = `${field}.indicators[${i}]`;
      if (typeof ind !== 'object' || ind === null) return fail(f, 'must be {name, baseline, target}');
      const r = ind as Record<string, unknown>;
      onlyKeys(r, ['name', 'baseline', 'target'], f, fail);
      text(r.name, `${f}.name`, fail);
      text(r.baseline, `${f}.baseline`, fail);
      text(r.target, `${f}.target`, fail);
    });
}

function activityList(
  value: unknown,
  field: string,
  ctx: PlanContext,
  fail: Fail,
  withId: boolean,
  allowEmpty: boolean,
): void {
  if (!Array.isArray(value)) return fail(field, 'must be a list of activities');
  if (!allowEmpty && value.length === 0) return fail(field, 'must hold at least one activity');
  if (value.length > MAX_ACTIVITIES) return fail(field, `must hold at most ${MAX_ACTIVITIES} activities`);
  value.forEach((a, i) => checkActivity(a, `${field}[${i}]`, ctx, fail, withId));
  if (withId) {
    const ids = value.map((a: { id?: unknown }) => a?.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) fail(`${field}[${i}].id`, `repeats the id ${String(id)}`);
    });
  }
}

function collect(check: (fail: Fail) => void): FieldError[] {
  const errors: FieldError[] = [];
  check((field, message) => errors.push({ field, message }));
  return errors;
}

function payloadObject(payload: unknown, keys: readonly string[], fail: Fail): Record<string, unknown> | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    fail('body', 'must be a JSON object');
    return undefined;
  }
  onlyKeys(payload, keys, '', fail);
  return payload as Record<string, unknown>;
}

/** `contribute-activities`: `{activities: ActivityProposal[]}`; an empty list says "nothing this year". */
export function validateContribution(payload: unknown, ctx: PlanContext): FieldError[] {
  return collect((fail) => {
    const p = payloadObject(payload, ['activities'], fail);
    if (p) activityList(p.activities, 'activities', ctx, fail, false, true);
  });
}

/** `consolidate-plan`: `{activities: PlanActivity[]}`: every activity with a known lead and a GCM objective. */
export function validatePlan(payload: unknown, ctx: PlanContext): FieldError[] {
  return collect((fail) => {
    const p = payloadObject(payload, ['activities', 'note'], fail);
    if (!p) return;
    activityList(p.activities, 'activities', ctx, fail, true, false);
    if (p.note !== undefined) text(p.note, 'note', fail);
  });
}

/** `endorse-plan`: `{decision: 'endorse'}` or `{decision: 'object', comment}`. */
export function validateEndorsement(payload: unknown): FieldError[] {
  return collect((fail) => {
    const p = payloadObject(payload, ['decision', 'comment'], fail);
    if (!p) return;
    if (p.decision !== 'endorse' && p.decision !== 'object') fail('decision', "must be 'endorse' or 'object'");
    if (p.decision === 'object') text(p.comment, 'comment', fail);
    else if (p.comment !== undefined) text(p.comment, 'comment', fail);
  });
}

/** `report-progress`: `{status, note?}` for one activity and quarter. */
export function validateProgress(payload: unknown): FieldError[] {
  return collect((fail) => {
    const p = payloadObject(payload, ['status', 'note'], fail);
    if (!p) return;
    if (!ACTIVITY_STATUSES.includes(p.status as ActivityStatus))
      fail('status', `must be one of ${ACTIVITY_STATUSES.join(', ')}`);
    if (p.note !== undefined) text(p.note, 'note', fail);
  });
}

/** `finalise-report`: `{summary}`, the coordinator's words on the drafted report. */
export function validateFinalisation(payload: unknown): FieldError[] {
  return collect((fail) => {
    const p = payloadObject(payload, ['summary'], fail);
    if (p) text(p.summary, 'summary', fail);
  });
}
