import type { QueryDefinition } from '@temporalio/common';
import { strFromU8, unzipSync } from 'fflate';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

import type { CycleDto } from '../../apps/api/annual-cycle/cycle.dto';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import { parseHistoryFile } from '../../libs/audit/history-file';
import { rebuildProjections } from '../../activities/rebuild-projections';
import { stateAt } from '../../libs/audit/timeline';
import type { AnnualReport } from '../../libs/processes/annual-cycle/annual-report-types';
import type { AgendaItem } from '../../libs/processes/meeting/meeting';
import type { Impediment } from '../../libs/processes/twg-round/twg-round';
import { cycleStateQuery } from '../../libs/processes/annual-cycle/messages';
import { decisionStateQuery } from '../../libs/processes/decision/messages';
import { meetingStateQuery } from '../../libs/processes/meeting/messages';
import { twgRoundStateQuery } from '../../libs/processes/twg-round/messages';
import type { ReportDocument } from '../../libs/reports/report-document';
import type { UnInfoExport } from '../../libs/reports/un-info-export';
import { mignet } from '../support/cli';
import { parseCsv } from '../support/csv';
import { escapeRegExp, pdfToText } from '../support/pdf-text';
import { readModelsOf } from '../support/read-models';
import { recordHistories } from '../support/record-history';
import { testEnv } from '../support/test-env';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { planFrom, proposal } from '../support/work-plan-fixtures';

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];
/** The agency that never answers anything all year. */
const SILENT = 'UNICEF';
const ILO_UN_INFO = {
  sdgTargets: ['8.8', '10.7'],
  genderMarker: 2,
  humanRightsMarker: 1,
  geography: ['Dili', 'Baucau'],
  budget: { planned: 120_000, available: 80_000 },
};
const YEAR = claimYear(2097); // always this year: the recorded histories are named after it
const D = 150_000; // the compressed year, in milliseconds

interface Meeting {
  id: string;
  status: string;
  heldAt: string | null;
  agenda: AgendaItem[];
  minutes: { version: number; text: string }[];
  minutesReviews: { round: number; outcome: string; objections: { agency: string; reason: string }[] }[];
  actionItems: { id: string; title: string; owner: string; status: string; carriedTo: string[] }[];
  attendance: { agency: string; name: string; title: string }[];
}
interface Round {
  id: string;
  twg: string;
  period: number;
  status: string;
  updates: Record<string, { delivery: string; impediments: Impediment[] } | null>;
  cancelledReason: string | null;
}
interface RegisteredImpediment {
  id: string;
  description: string;
  target: string;
  status: string;
  statusNote: string | null;
}

/**
 * A whole compressed year of the Timor-Leste Network over HTTP only: the annual cycle starts four quarterly meetings
 * and six rounds per TWG; a TWG is established mid-year by decision and another abolished; one ad-hoc meeting; a
 * minutes objection and its correction; an impediment followed from a TWG update to the next agenda, to an action
 * item, to done; an action item carried from agenda to agenda; and UNICEF, which never answers.
 */
describe('a Network year with meetings and TWG rounds (end to end)', () => {
  const { stack, call } = useTestStack({ beforeClose: () => stopRoutine() });

  const get = async <T>(path: string, who = 'auditor') => {
    const res = await call<T>('GET', `/networks/tl${path}`, stack.key(who));
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const openTasks = async (who: string, query: string) =>
    (await get<TaskPageDto>(`/tasks?status=open&pageSize=200&${query}`, who)).items;
  async function complete(taskId: string, payload: unknown, who: string): Promise<TaskDto> {
    const res = await call<TaskDto>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(taskId)}/complete`,
      stack.key(who),
      payload,
    );
    expect({ task: taskId, status: res.status, body: res.body }).toMatchObject({
      status: 200,
      body: { status: 'completed' },
    });
    return res.body;
  }
  const taskOpen = (who: string, query: string, what: string, timeoutMs = 30_000) =>
    waitFor(async () => (await openTasks(who, query))[0], what, timeoutMs);
  const meeting = (id: string) => get<Meeting>(`/meetings/${id}`);
  const meetingIs = (id: string, status: string, timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const m = await meeting(id).catch(() => undefined);
        return m?.status === status ? m : undefined;
      },
      `meeting ${id} ${status}`,
      timeoutMs,
    );
  const rounds = (twg: string) =>
    get<{ items: Round[] }>(`/twgs/${twg}/rounds`).then((r) =>
      r.items.filter((x) => x.id.endsWith(`:${YEAR}-P${x.period}`)),
    );

  /**
   * The annual report's files, in English and Tetum: the JSON document's figures and tables are those of the cycle's
   * report, the PDF prints them (as pdftotext reads it), the CSV archive holds each table cell for cell, and the
   * Markdown each row.
   */
  /** Two partners engaged in the year (three times, one of them the year after): what the report's table counts. */
  async function engagePartners(activity: string): Promise<void> {
    const partner = async (name: string, category: string) =>
      (await call<{ id: string }>('POST', '/networks/tl/partners', stack.key('coordinator'), { name, category })).body
        .id;
    const hametin = await partner('Hametin Migrant Workers Association', 'civil-society');
    const radio = await partner('Radio Timor-Leste', 'media');
    for (const [on, partners, activities] of [
      [`${YEAR}-04-02`, [hametin], [activity]],
      [`${YEAR}-09-15`, [hametin, radio], []],
      [`${YEAR + 1}-01-20`, [radio], []],
    ] as const) {
      const res = await call('POST', '/networks/tl/engagements', stack.key('ILO'), {
        on,
        kind: 'consultation',
        title: `Consultation of ${on}`,
        partners,
        activities,
      });
      expect(res.status).toBe(201);
    }
  }

  async function reportFilesAgree(report: AnnualReport): Promise<void> {
    for (const lang of ['en', 'tet']) {
      const { doc, md } = await formatsAgree(`/reports/annual/${YEAR}`, lang);
      const table = (name: string) => doc.tables.find((t) => t.name === name)!;
      // Civil society: one partner, twice; the media: one partner, once (its engagement of the next year is not this year's).
      expect(table('partner-engagement').rows.map((r) => r.slice(1))).toEqual([
        [1, 2],
        [1, 1],
      ]);
      expect(table('activities').rows.map((r) => r[0])).toEqual(report.activities.map((a) => a.id));
      expect(table('meetings').rows).toHaveLength(report.networkYear!.meetings.length);
      expect(doc.facts.items[0].value).toBe(report.activities.length);
      expect(table('indicators').rows).toContainEqual(
        expect.arrayContaining([report.activities.find((a) => a.leadAgency === 'ILO')!.id, '103', '403', '500']),
      );
      // The CLI renders from the read models what the API does, byte for byte.
      const before = process.env.DATABASE_URL;
      process.env.DATABASE_URL = stack.db.url;
      try {
        const args = ['--network', 'tl', '--year', String(YEAR), '--format', 'md', '--lang', lang, '--out', '-'];
        expect(await mignet('report', 'annual', ...args)).toEqual({ code: 0, out: md, err: '' });
      } finally {
        process.env.DATABASE_URL = before;
      }
    }
    // A table is a CSV's; an unknown language is named.
    const refused = await call(
      'GET',
      `/networks/tl/reports/annual/${YEAR}?format=pdf&table=activities`,
      stack.key('ILO'),
    );
    expect(refused).toMatchObject({ status: 400, body: { details: [{ field: 'table' }] } });
    const language = await call('GET', `/networks/tl/reports/annual/${YEAR}?lang=fr`, stack.key('ILO'));
    expect(language).toMatchObject({ status: 400, body: { details: [{ field: 'lang' }] } });
  }

  /**
   * A report's files in one language agree: the PDF prints each of the JSON document's figures (as pdftotext reads
   * it) and every row of its numeric tables, the CSV archive holds each table cell for cell, the Markdown every row.
   */
  async function formatsAgree(path: string, lang: string): Promise<{ doc: ReportDocument; md: string }> {
    const file = async (query: string) => {
      const res = await fetch(`${stack.baseUrl}/networks/tl${path}?lang=${lang}&${query}`, {
        headers: { authorization: `Bearer ${stack.key('ILO')}` },
      });
      expect({ path, query, status: res.status }).toEqual({ path, query, status: 200 });
      return { type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    };
    const doc = JSON.parse((await file('format=json')).body.toString('utf8')) as ReportDocument;
    const pdf = await file('format=pdf');
    expect(pdf.type).toBe('application/pdf');
    const text = pdfToText(pdf.body);
    expect(text).toContain(doc.title);
    for (const f of doc.facts.items) expect(text).toMatch(new RegExp(`${escapeRegExp(f.label)}\\s+${f.value}\\b`));
    for (const t of doc.tables.filter((t) => t.rows.every((r) => r.slice(1).every((c) => typeof c === 'number'))))
      for (const r of t.rows) expect(text).toMatch(new RegExp(r.map((c) => escapeRegExp(String(c))).join('\\s+')));
    const zip = unzipSync((await file('format=csv')).body);
    for (const t of doc.tables)
      expect(parseCsv(strFromU8(zip[`${t.name}.csv`]))).toEqual([t.columns, ...t.rows.map((r) => r.map(String))]);
    const md = (await file('format=md')).body.toString('utf8');
    for (const r of doc.tables[0].rows) expect(md).toContain(`| ${r.join(' | ')} |`);
    return { doc, md };
  }

  /** A TWG's report of a period, and a quarter's Network update, agree with the read models they come from. */
  async function periodReportsAgree(): Promise<void> {
    const round = (await rounds('counter-trafficking')).find((r) => r.period === 1)!;
    const twg = (await formatsAgree(`/reports/twg/counter-trafficking/${YEAR}/1`, 'tet')).doc;
    const members = Object.keys(round.updates).sort();
    expect(twg.tables[0].rows.map((r) => r[0])).toEqual(members);
    expect(twg.facts.items.slice(0, 3).map((f) => f.value)).toEqual([
      members.length,
      members.filter((m) => round.updates[m]).length,
      members.filter((m) => !round.updates[m]).length,
    ]);
    const cycle = await get<CycleDto>(`/cycles/${YEAR}`);
    const q1 = cycle.calendar.quarters[0];
    const held = (await get<{ items: Meeting[] }>('/meetings')).items.filter(
      (m) => m.heldAt && m.heldAt >= q1.start && m.heldAt < q1.end,
    );
    const update = (await formatsAgree(`/reports/quarterly/${YEAR}/1`, 'en')).doc;
    expect(update.facts.items.find((f) => f.label === 'Network meetings held this quarter')!.value).toBe(held.length);
    expect(held.length).toBeGreaterThan(0);
    expect(await call('GET', `/networks/tl/reports/quarterly/${YEAR}/5`, stack.key('ILO'))).toMatchObject({
      status: 400,
      body: { details: [{ field: 'quarter' }] },
    });
    expect(await call('GET', `/networks/tl/reports/twg/no-such-twg/${YEAR}/1`, stack.key('ILO'))).toMatchObject({
      status: 404,
      body: { code: 'TWG_NOT_FOUND' },
    });
  }

  /**
   * The routine work of the year, done in the background as the agencies would: TWG members submit their updates
   * (UNICEF never does; FAO lets climate-mobility's fourth round wait), leads consolidate their rounds with every
   * impediment reported, the secretariat records each meeting as `minutesFor` says, RCO answers agenda calls with
   * nothing to propose. Scripted moments of the year happen in the test's body.
   */
  const routineErrors: string[] = [];
  let stopped = false;
  const impedimentsFor: Record<string, Impediment[]> = {};
  const minutesFor: Record<string, (m: Meeting) => object> = {};
  async function routine(): Promise<void> {
    while (!stopped) {
      try {
        for (const t of await openTasks('coordinator', 'kind=submit-twg-update')) {
          if (t.assignee === SILENT || (t.process.includes(':climate-mobility:') && t.process.endsWith('-P4')))
            continue;
          const key = `${t.process}:${t.assignee}`;
          await answer(
            t,
            { delivery: `${t.assignee} delivered its activities`, impediments: impedimentsFor[key] ?? [] },
            t.assignee,
          );
        }
        for (const t of await openTasks('coordinator', 'kind=consolidate-twg-report')) {
          const twg = t.process.split(':')[2];
          const round = (await rounds(twg)).find((r) => r.id === t.process)!;
          const reported = Object.values(round.updates).flatMap((u) => u?.impediments ?? []);
          await answer(
            t,
            { summary: `${twg}: ${Object.keys(round.updates).length} updates`, impediments: reported },
            t.assignee,
          );
        }
        for (const t of await openTasks('coordinator', 'kind=record-meeting')) {
          const id = t.process.split(':')[2];
          const write = minutesFor[id];
          if (write) await answer(t, write(await meeting(id)), 'coordinator');
        }
        for (const t of await openTasks('RCO', 'kind=propose-agenda-items')) await answer(t, { items: [] }, 'RCO');
        // The lead agencies report each quarter with their indicator's value (UNDP's reports are the story's own).
        for (const t of await openTasks('coordinator', `kind=report-progress&process=${wf}`)) {
          if (t.assignee === 'UNDP') continue;
          const quarter = Number(t.id.split(':report-progress:Q')[1].split(':')[0]);
          const value = String(quarter * 100 + t.assignee.length);
          const indicators = [{ name: 'Workers reached', value }];
          await answer(t, { status: 'on-track', indicators, spent: quarter * 1_000 }, t.assignee);
        }
      } catch (err) {
        routineErrors.push(String(err));
      }
      await new Promise((r) => setTimeout(r, 200)); // a polling agent's pace, not a wait for a condition
    }
  }
  async function answer(t: TaskDto, payload: unknown, who: string): Promise<void> {
    const res = await call('POST', `/networks/tl/tasks/${encodeURIComponent(t.id)}/complete`, stack.key(who), payload);
    // 409: the task closed between the listing and the answer (its deadline passed); anything else is a failure.
    if (res.status !== 200 && res.status !== 409)
      routineErrors.push(`${t.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /**
   * The year is one story told in steps, each a test of its own that says what failed; a step after a failed one is
   * not run (it fails naming the step that did), since each builds on what the ones before did.
   */
  let failedStep: string | undefined;
  const step = (name: string, fn: () => Promise<void>, timeoutMs: number) =>
    it(
      name,
      async () => {
        if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`);
        try {
          await fn();
        } catch (err) {
          failedStep = name;
          throw err;
        }
      },
      timeoutMs,
    );

  // What the steps share.
  const wf = `annual-cycle:tl:${YEAR}`;
  const [q1, q2, q3] = [`${YEAR}-Q1`, `${YEAR}-Q2`, `${YEAR}-Q3`];
  let began = 0;
  let at: (fraction: number) => string = () => {
    throw new Error('the year has not started');
  };
  let routineDone: Promise<void> = Promise.resolve();
  const stopRoutine = async () => {
    stopped = true;
    await routineDone;
  };
  let established: { status: number; body: { id: string } };
  let feeImpediment: RegisteredImpediment;
  let govIssue: RegisteredImpediment;
  let q1Adopted: Meeting;
  let adhoc: { status: number; body: { id: string } };
  const mapping = (m: Meeting) =>
    m.agenda.find((i) => i.source === 'action-item' && i.title === 'Map diaspora organisations');
  const bundle = () => ({ codePath: testEnv().workflowBundlePath });

  step(
    "starts the year: the cycle on a compressed calendar, and the agencies' routine work in the background",
    async () => {
      began = Date.now();
      const start = began + 2_000;
      at = (fraction: number) => new Date(start + Math.round(D * fraction)).toISOString();
      const calendar = {
        start: at(0),
        end: at(1),
        deadlines: { planningDue: at(0.05), consolidationDue: at(0.07), endorsementDue: at(0.1), reviewDue: at(1.2) },
        offsets: { reminderBeforeMs: 1_500, escalationAfterMs: 1_500, revisionMs: 6_000, endorsementRoundMs: 6_000 },
        meetings: [at(0.2), at(0.45), at(0.7), at(0.95)],
      };
      expect(
        (await call('POST', '/networks/tl/cycles', stack.key('coordinator'), { year: YEAR, calendar })).status,
      ).toBe(201);
      const labourP1 = `twg-round:tl:labour-migration:${YEAR}-P1`;
      impedimentsFor[`${labourP1}:ILO`] = [
        {
          description: 'Recruitment agencies charge workers placement fees',
          severity: 'high',
          gcmObjectives: [6],
          target: 'network',
        },
        {
          description: 'No bilateral labour agreement covers seasonal work in Australia',
          severity: 'medium',
          gcmObjectives: [5, 6],
          target: 'government',
        },
      ];
      // Q2 settles the issue raised with the Government; Q3 and Q4 are routine.
      minutesFor[`${YEAR}-Q2`] = (m) => ({
        attendance: [{ agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' }],
        minutes: 'The Government signed the seasonal work agreement.',
        impediments: m.agenda
          .filter((i) => i.source === 'government-issue')
          .map((i) => ({ id: i.ref, status: 'resolved', note: 'Agreement signed in May' })),
      });
      for (const q of ['Q3', 'Q4'])
        minutesFor[`${YEAR}-${q}`] = () => ({
          attendance: [{ agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' }],
          minutes: `${q} review.`,
        });
      routineDone = routine();
    },
    60_000,
  );

  step(
    "agrees the plan: everyone but UNICEF contributes and endorses; UNICEF's silence is consent",
    async () => {
      // The plan: everyone but UNICEF contributes and endorses; UNICEF's silence is recorded, then consent.
      // ILO's activity carries what UN INFO asks; the others leave it out (it is optional).
      const activities = planFrom(['ILO', 'UNDP', 'IOM']).map((a) =>
        a.leadAgency === 'ILO' ? { ...a, ...ILO_UN_INFO } : a,
      );
      expect(await call('GET', `/networks/tl/reports/un-info/${YEAR}`, stack.key('ILO'))).toMatchObject({
        status: 409,
        body: { code: 'PLAN_NOT_ENDORSED', message: expect.stringContaining('PLANNING') },
      });
      await Promise.all(
        MEMBERS.filter((m) => m !== SILENT).map(async (m) =>
          complete(
            (await taskOpen(m, `kind=contribute-activities&process=${wf}`, `${m}'s contribution`)).id,
            { activities: [proposal(m)] },
            m,
          ),
        ),
      );
      await complete(
        (await taskOpen('coordinator', `kind=consolidate-plan&process=${wf}`, 'the draft plan')).id,
        { activities },
        'coordinator',
      );
      await Promise.all(
        MEMBERS.filter((m) => m !== SILENT).map(async (m) =>
          complete(
            (await taskOpen(m, `kind=endorse-plan&process=${wf}`, `${m}'s endorsement`)).id,
            { decision: 'endorse' },
            m,
          ),
        ),
      );
      await waitFor(
        async () => ((await get<CycleDto>(`/cycles/${YEAR}`)).phase === 'IMPLEMENTATION' ? true : undefined),
        'IMPLEMENTATION',
        30_000,
      );
      // Until the year ends there is no report to render, and the answer says why.
      expect(await call('GET', `/networks/tl/reports/annual/${YEAR}`, stack.key('ILO'))).toMatchObject({
        status: 409,
        body: { code: 'REPORT_NOT_DRAFTED', message: expect.stringContaining('IMPLEMENTATION') },
      });
      // UNDP reports its activity delayed: the next agenda lists it.
      await complete(
        (await taskOpen('UNDP', `kind=report-progress&process=${wf}`, "UNDP's Q1 report")).id,
        { status: 'delayed', note: 'Consultant recruitment slipped' },
        'UNDP',
      );
    },
    60_000,
  );

  step(
    'circulates a decision establishing a TWG while the Q1 agenda is being prepared',
    async () => {
      // A TWG established by silence procedure while Q1's agenda is being prepared: still circulating when it is published.
      established = await call<{ id: string }>('POST', '/networks/tl/decisions', stack.key('coordinator'), {
        kind: 'establish-twg',
        title: 'Establish a TWG on diaspora engagement',
        text: 'Per the ToR thematic areas',
        payload: {
          code: 'diaspora',
          name: 'Diaspora engagement (example)',
          thematicArea: 'Diaspora and remittances',
          leadAgency: 'UNDP',
          memberAgencies: ['UNDP', 'IOM', 'RCO'],
        },
        deadline: at(0.19),
      });
      expect(established.status).toBe(201);
    },
    60_000,
  );

  step(
    'holds Q1 with the P1 impediments, the Government issue and the circulating decision on its agenda',
    async () => {
      // Q1: the labour-migration round of P1 registered its impediments before the agenda closed.
      [feeImpediment, govIssue] = await waitFor(
        async () => {
          const items = (await get<{ items: RegisteredImpediment[] }>('/impediments?twg=labour-migration')).items;
          return items.length === 2
            ? [items.find((i) => i.target === 'network')!, items.find((i) => i.target === 'government')!]
            : undefined;
        },
        'the P1 impediments',
        30_000,
      );
      minutesFor[q1] = (m) => ({
        attendance: [
          { agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' },
          { agency: 'ILO', name: 'A. Soares', title: 'Senior Programme Manager' },
          { agency: 'UNDP', name: 'B. Guterres', title: 'Deputy Resident Representative' },
        ],
        minutes: 'The Network reviewed the fee impediment and the TWG proposal.',
        decisions: ['Ask ILO to lead a fee-free recruitment code'],
        actionItems: [
          {
            title: 'Agree a fee-free recruitment code with licensed agencies',
            owner: 'ILO',
            dueAt: at(0.4),
            impediment: m.agenda.find((i) => i.source === 'impediment')!.ref,
          },
          { title: 'Map diaspora organisations', owner: 'UNDP', dueAt: at(0.5) },
        ],
        impediments: [
          {
            id: m.agenda.find((i) => i.source === 'government-issue')!.ref!,
            status: 'raised',
            note: 'Raised with SEFOPE on the Network’s behalf',
          },
        ],
      });
      const q1Held = await meetingIs(q1, 'MINUTES_REVIEW', D);
      expect(q1Held.agenda.map((i) => [i.source, i.ref])).toEqual(
        expect.arrayContaining([
          ['impediment', feeImpediment.id],
          ['government-issue', govIssue.id],
          ['decision', `decision:tl:${established.body.id}`],
        ]),
      );
      expect(q1Held.attendance.map((a) => a.agency)).toEqual(['IOM', 'ILO', 'UNDP']);
    },
    D + 60_000,
  );

  step(
    'corrects the Q1 minutes after an objection, then adopts them by silence',
    async () => {
      // OHCHR objects to the minutes: the coordinator corrects them and they circulate again, then are adopted by silence.
      const objection = await taskOpen(
        'OHCHR',
        `kind=concur-or-object&process=decision:tl:minutes-${q1}-r1`,
        'the minutes review',
      );
      await complete(objection.id, { answer: 'object', reason: 'OHCHR attended and is not listed' }, 'OHCHR');
      const correction = await taskOpen(
        'coordinator',
        `kind=correct-minutes&process=meeting:tl:${q1}`,
        'the correction',
      );
      await complete(
        correction.id,
        { minutes: 'The Network (IOM, ILO, UNDP, OHCHR) reviewed the fee impediment and the TWG proposal.' },
        'coordinator',
      );
      q1Adopted = await meetingIs(q1, 'ADOPTED');
      expect(q1Adopted.minutesReviews.map((r) => [r.round, r.outcome, r.objections.map((o) => o.agency)])).toEqual([
        [1, 'objected', ['OHCHR']],
        [2, 'adopted', []],
      ]);
      expect(q1Adopted.minutes.map((m) => m.version)).toEqual([1, 2]);
    },
    60_000,
  );

  step(
    'resolves the fee impediment with the action item on it',
    async () => {
      // The fee impediment: an action item of ILO's, then done, and the impediment resolved with it.
      const feeItem = q1Adopted.actionItems.find((a) => a.owner === 'ILO')!;
      expect(
        (await get<{ items: RegisteredImpediment[] }>('/impediments?status=in-progress')).items.map((i) => i.id),
      ).toEqual([feeImpediment.id]);
      await complete(feeItem.id, { note: 'Code signed by 12 agencies' }, 'ILO');
      expect(
        await waitFor(
          async () => (await get<{ items: RegisteredImpediment[] }>('/impediments?status=resolved')).items[0],
          'the impediment resolved',
        ),
      ).toMatchObject({
        id: feeImpediment.id,
        statusNote: expect.stringContaining('done by ILO'),
      });
    },
    60_000,
  );

  step(
    "holds an ad-hoc meeting, moved once, that carries UNDP's open action item",
    async () => {
      // An ad-hoc meeting, moved once: UNDP's open action item is carried to it.
      adhoc = await call<{ id: string }>('POST', '/networks/tl/meetings', stack.key('coordinator'), {
        title: 'Ad-hoc: labour mobility MoU',
        year: YEAR,
        scheduledAt: new Date(Date.now() + 6_000).toISOString(),
      });
      expect(adhoc.status).toBe(201);
      minutesFor[adhoc.body.id] = () => ({
        attendance: [{ agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' }],
        minutes: 'MoU text agreed.',
      });
      const moved = await call<Meeting>(
        'POST',
        `/networks/tl/meetings/${adhoc.body.id}/reschedule`,
        stack.key('coordinator'),
        { scheduledAt: new Date(Date.now() + 8_000).toISOString(), reason: 'Minister available later' },
      );
      expect(moved.status).toBe(200);
      const adhocDone = await meetingIs(adhoc.body.id, 'ADOPTED', 40_000);
      expect(mapping(adhocDone)).toMatchObject({ by: 'UNDP', timesCarried: 0 });
    },
    90_000,
  );

  step(
    'abolishes climate-mobility while its fourth round is open: the round ends with the reason',
    async () => {
      // The abolition of climate-mobility while its fourth round is open: the round ends with the reason, no more rounds.
      await waitFor(
        async () => (await rounds('climate-mobility')).find((r) => r.period === 4 && r.status === 'COLLECTING'),
        'climate-mobility P4',
        D,
      );
      const abolished = await call<{ id: string }>('POST', '/networks/tl/decisions', stack.key('coordinator'), {
        kind: 'abolish-twg',
        title: 'Abolish the climate-mobility TWG',
        text: 'Merged into the UNSDCF results group',
        payload: { twg: 'climate-mobility' },
        deadline: new Date(Date.now() + 4_000).toISOString(),
      });
      expect(abolished.status).toBe(201);
      const cancelled = await waitFor(
        async () => (await rounds('climate-mobility')).find((r) => r.period === 4 && r.status === 'CANCELLED'),
        'the cancelled round',
      );
      expect(cancelled.cancelledReason).toContain(`abolished by decision decision:tl:${abolished.body.id}`);
      const fao = await get<TaskDto>(`/tasks/${encodeURIComponent(`${cancelled.id}:submit-twg-update:FAO`)}`);
      expect(fao).toMatchObject({ status: 'cancelled', closedReason: cancelled.cancelledReason });
    },
    D + 60_000,
  );

  step(
    "carries UNDP's item to Q2 and Q3, where it is overdue, until UNDP does it",
    async () => {
      // Q2 and Q3 carry UNDP's item again; at Q3 it is overdue, then UNDP does it.
      const q2Done = await meetingIs(q2, 'ADOPTED', D);
      expect(mapping(q2Done)).toMatchObject({ timesCarried: 1 });
      expect(q2Done.agenda.filter((i) => i.source === 'delayed-activity').map((i) => i.by)).toEqual(['UNDP']);
      expect(q2Done.agenda.find((i) => i.source === 'government-issue')).toMatchObject({ ref: govIssue.id });
      const q3Published = await waitFor(
        async () => {
          const m = await meeting(q3).catch(() => undefined);
          return m && m.agenda.length > 0 && mapping(m) ? m : undefined;
        },
        'the Q3 agenda',
        D,
      );
      expect(mapping(q3Published)).toMatchObject({ timesCarried: 2 });
      // Its age reads in days of the compressed year (opened by Q1's minutes, some two quarters before), not real ones.
      expect(mapping(q3Published)!.ageDays).toBeGreaterThan(60);
      expect(mapping(q3Published)!.ageDays).toBeLessThan(300);
      const overdue = (
        await get<{ items: { id: string; owner: string; overdue: boolean; carriedTo: string[] }[] }>(
          '/action-items?owner=UNDP&overdue=true',
        )
      ).items;
      expect(overdue).toEqual([
        expect.objectContaining({
          owner: 'UNDP',
          overdue: true,
          carriedTo: [`meeting:tl:${adhoc.body.id}`, `meeting:tl:${q2}`, `meeting:tl:${q3}`],
        }),
      ]);
      await complete(overdue[0].id, { note: '41 organisations mapped' }, 'UNDP');
    },
    2 * D,
  );

  step(
    'ends the year: every process finishes, and the finalised report counts meetings, rounds, action items and impediments',
    async () => {
      // The year ends: the draft report counts the meetings and rounds as they stand. The coordinator waits for the last
      // rounds and the Q4 minutes to finish (every process of the year ends on its own), then finalises the report.
      const finalise = await taskOpen('coordinator', `kind=finalise-report&process=${wf}`, 'the report', D);
      const draft = (await get<CycleDto>(`/cycles/${YEAR}`)).report as AnnualReport;
      const others: string[] = [];
      for await (const w of stack.client.workflow.list({ query: `TaskQueue = '${stack.config.temporalTaskQueue}'` }))
        if (w.workflowId !== wf) others.push(w.workflowId);
      const running = async () =>
        (
          await Promise.all(
            others.map(async (id) => [id, (await stack.client.workflow.getHandle(id).describe()).status.name]),
          )
        )
          .filter(([, s]) => s === 'RUNNING')
          .map(([id]) => id);
      await waitFor(
        async () => ((await running()).length === 0 ? true : undefined),
        'every process of the year to end',
        60_000,
      ).catch(async (err) => {
        throw new Error(`${String(err)}; still running: ${(await running()).join(', ')}`);
      });
      await complete(finalise.id, { summary: `The Network's ${YEAR}` }, 'coordinator');
      const closed = await waitFor(async () => {
        const c = await get<CycleDto>(`/cycles/${YEAR}`);
        return c.phase === 'CLOSED' ? c : undefined;
      }, 'the closed cycle');
      const year = (closed.report as AnnualReport).networkYear!;
      expect(year.meetings.map((m) => [m.id, m.status])).toEqual(
        [q1, adhoc.body.id, q2, q3, `${YEAR}-Q4`].map((id) => [id, 'ADOPTED']),
      );
      expect(year.twgUpdatesByAgency.find((a) => a.agency === SILENT)).toEqual({
        agency: SILENT,
        submitted: 0,
        missed: 6,
      });
      expect(draft.networkYear!.twgUpdatesByAgency.find((a) => a.agency === SILENT)!.missed).toBeLessThanOrEqual(6);
      expect(year.twgRounds).toHaveLength(20);
      expect(year.actionItemsByAgency).toEqual(
        expect.arrayContaining([
          { agency: 'ILO', done: 1, doneLate: 0, open: 0, overdue: 0, dropped: 0 },
          { agency: 'UNDP', done: 1, doneLate: 1, open: 0, overdue: 0, dropped: 0 },
        ]),
      );
      expect(year.impediments).toEqual({ raised: 2, resolved: 2, stillOpen: 0 });
      expect(year.governmentIssues).toEqual([expect.objectContaining({ id: govIssue.id, status: 'resolved' })]);
      // Indicators measured: ILO reported its activity's value each quarter, and the report keeps each one.
      const ilo = (closed.report as AnnualReport).activities.find((a) => a.leadAgency === 'ILO')!;
      expect(ilo.indicators).toEqual([
        { name: 'Workers reached', baseline: '0', target: '500', actuals: ['103', '203', '303', '403'] },
      ]);
      await engagePartners(ilo.id);
      await reportFilesAgree(closed.report as AnnualReport);
      await periodReportsAgree();

      // The UN INFO export: ILO's activity with its fields, the last quarter's spending and each quarter's value.
      const unInfo = await get<UnInfoExport>(`/reports/un-info/${YEAR}?format=json`, 'ILO');
      expect(unInfo.activities.find((a) => a.leadAgency === 'ILO')).toMatchObject({
        sdgTargets: ILO_UN_INFO.sdgTargets,
        genderMarker: 2,
        humanRightsMarker: 1,
        geography: ILO_UN_INFO.geography,
        budgetPlannedUsd: 120_000,
        budgetAvailableUsd: 80_000,
        budgetSpentUsd: 4_000,
        indicators: [ilo.indicators![0]],
      });
      const csv = await fetch(`${stack.baseUrl}/networks/tl/reports/un-info/${YEAR}?table=indicators`, {
        headers: { authorization: `Bearer ${stack.key('auditor')}` },
      });
      expect(parseCsv(await csv.text())).toContainEqual([
        ilo.id,
        'Workers reached',
        '0',
        '500',
        '103',
        '203',
        '303',
        '403',
      ]);
      await waitFor(
        async () =>
          (await stack.client.workflow.getHandle(wf).describe()).status.name === 'COMPLETED' ? true : undefined,
        'the cycle to complete',
      );
    },
    2 * D,
  );

  step(
    "met no error in the routine work, and ran each TWG's rounds",
    async () => {
      await stopRoutine();
      expect(routineErrors).toEqual([]);

      // The rounds: six for the TWGs that lasted the year, four for the one established in P2, four for the one abolished in P4.
      const periods = async (twg: string) => (await rounds(twg)).map((r) => `${r.period}:${r.status}`).sort();
      expect(await periods('labour-migration')).toEqual([1, 2, 3, 4, 5, 6].map((p) => `${p}:CLOSED`));
      expect(await periods('counter-trafficking')).toEqual([1, 2, 3, 4, 5, 6].map((p) => `${p}:CLOSED`));
      expect(await periods('climate-mobility')).toEqual(['1:CLOSED', '2:CLOSED', '3:CLOSED', '4:CANCELLED']);
      expect(await periods('diaspora')).toEqual(['3:CLOSED', '4:CLOSED', '5:CLOSED', '6:CLOSED']);
      expect((await get<{ items: { code: string }[] }>('/twgs')).items.map((t) => t.code).sort()).toEqual([
        'counter-trafficking',
        'diaspora',
        'labour-migration',
      ]);
    },
    60_000,
  );

  step(
    'rebuilds the read models from the histories alone, equal row for row to the live ones, twice',
    async () => {
      // The read models rebuilt from the histories alone equal the live ones, row for row; and a second rebuild changes nothing.
      const ds = await stack.db.dataSource();
      const live = await readModelsOf(ds);
      const deps = { dataSource: ds, client: stack.client, bundle: bundle() };
      // A rebuild tells nobody anything again: not even a person who would be told of every open task now.
      const outbox = async () => ((await ds.query(`SELECT count(*)::int AS n FROM outbox`)) as { n: number }[])[0].n;
      await ds.query(
        `INSERT INTO people (network_code, name, email, agency_code, role) VALUES ('tl', 'Rebuild Watcher', 'watcher@ilo.org', 'ILO', 'focal-point')`,
      );
      const mailed = await outbox();
      const rebuilt = await rebuildProjections(deps, { network: 'tl', year: YEAR });
      expect(await outbox()).toBe(mailed);
      expect(rebuilt.workflows).toBe(34); // the year's: the cycle, 5 meetings, 20 rounds, 6 minutes reviews and the 2 TWG decisions (theirs by default: the running cycle's year)
      expect(await readModelsOf(ds)).toEqual(live);
      await rebuildProjections(deps, { network: 'tl', year: YEAR });
      expect(await readModelsOf(ds)).toEqual(live);
    },
    3 * 60_000,
  );

  step(
    "rebuilds each process's state from its history, equal to the workflow's own answer",
    async () => {
      // Each process's state rebuilt from its history with the reducers equals what the workflow itself answers.
      const queries = {
        annualCycleWorkflow: cycleStateQuery,
        meetingWorkflow: meetingStateQuery,
        decisionWorkflow: decisionStateQuery,
        twgRoundWorkflow: twgRoundStateQuery,
      };
      for await (const w of stack.client.workflow.list({ query: `TaskQueue = '${stack.config.temporalTaskQueue}'` })) {
        const handle = stack.client.workflow.getHandle(w.workflowId);
        const parsed = parseHistoryFile(w.workflowId, historyToJSON(await handle.fetchHistory()));
        if (!parsed.ok) throw new Error(parsed.reason);
        const rebuiltState = (await stateAt(parsed, bundle(), { event: Number.MAX_SAFE_INTEGER }))!.state;
        const queried = await handle.query(queries[w.type as keyof typeof queries] as QueryDefinition<unknown>);
        expect({ workflow: w.workflowId, state: rebuiltState }).toEqual({
          workflow: w.workflowId,
          state: JSON.parse(JSON.stringify(queried)),
        });
      }
    },
    3 * 60_000,
  );

  step(
    "records the year's histories and size",
    async () => {
      // How big a year is, for the closing note; and its histories, for replay on every run.
      const sizes: Record<string, number> = {};
      for await (const w of stack.client.workflow.list({ query: `TaskQueue = '${stack.config.temporalTaskQueue}'` }))
        sizes[w.workflowId] = w.historyLength;
      recordHistories(Object.keys(sizes), 'network-year');
      const kinds = Object.keys(sizes).reduce<Record<string, number>>(
        (acc, id) => ({ ...acc, [id.split(':')[0]]: (acc[id.split(':')[0]] ?? 0) + 1 }),
        {},
      );
      const events = Object.values(sizes).reduce((a, b) => a + b, 0);
      console.log(
        `[mignet] one compressed Network year (${D / 1000} s): ${Object.keys(sizes).length} workflows (${JSON.stringify(kinds)}), ${events} history events; the test took ${((Date.now() - began) / 1000).toFixed(1)} s`,
      );
    },
    60_000,
  );
});
