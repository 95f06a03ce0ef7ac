import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, get, post, type FieldError } from '../api';
import type { PageProps } from '../App';
import { worded } from '../forms/errors';
import { formatDateTime, formatNumber, localToIso } from '../format';
import { href, Link } from '../router';
import { actingRole } from '../session';
import { overdue, type Task } from '../tasks';
import { TableWrap } from '../components/TableWrap';
import { CoordinatorCommands } from '../components/CoordinatorCommands';
import { IndicatorTable, type MeasuredActivity } from '../components/IndicatorTable';
import { ReportFiles } from '../components/ReportFiles';
import { TwgPanels } from '../components/TwgPanels';
import { useCycles } from '../network-data';
import { meetingTitle } from './MeetingsPage';

const GcmChart = lazy(() => import('../components/GcmChart'));

interface Activity extends MeasuredActivity {
  leadAgency: string;
  partnerAgencies: string[];
  gcmObjectives: number[];
}
interface Meeting {
  id: string;
  kind: 'quarterly' | 'adhoc';
  year: number;
  quarter: number | null;
  title: string;
  status: string;
  scheduledAt: string;
}
interface Decision {
  id: string;
  status: string;
  proposal: { title: string; deadline: string } | null;
}

const PHASES = ['PLANNING', 'CONSOLIDATION', 'ENDORSEMENT', 'IMPLEMENTATION', 'ANNUAL_REVIEW', 'CLOSED'];
/** The deadline that ends each phase, in the calendar. */
const PHASE_END: Record<string, string> = {
  PLANNING: 'planningDue',
  CONSOLIDATION: 'consolidationDue',
  ENDORSEMENT: 'endorsementDue',
  IMPLEMENTATION: 'end',
  ANNUAL_REVIEW: 'reviewDue',
};

/** The coordinator's year at a glance: the phase and its deadlines, tasks per agency, meetings, decisions, GCM coverage. */
export function DashboardPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const n = here.network;
  const { cycles, current: cycle } = useCycles(n);
  const plan = useQuery({
    queryKey: ['plan', n, cycle?.year, cycle?.planRevision],
    enabled: cycle !== undefined,
    queryFn: () =>
      get<{ revisions: { revision: number; activities: Activity[] }[]; activities: Activity[] }>(
        `/networks/${n}/cycles/${cycle!.year}/plan`,
      ),
  });
  const tasks = useQuery({
    queryKey: ['tasks', n, 'dashboard'],
    queryFn: async () => (await get<{ items: Task[] }>(`/networks/${n}/tasks?status=open&pageSize=200`)).items,
    refetchInterval: 10_000,
  });
  const meetings = useQuery({
    queryKey: ['meetings', n],
    queryFn: async () => (await get<{ items: Meeting[] }>(`/networks/${n}/meetings`)).items,
  });
  const decisions = useQuery({
    queryKey: ['decisions', n],
    queryFn: async () => (await get<{ items: Decision[] }>(`/networks/${n}/decisions`)).items,
  });

  const activities = plan.data
    ? plan.data.activities.length > 0
      ? plan.data.activities
      : (plan.data.revisions.at(-1)?.activities ?? [])
    : [];
  const perAgency = new Map<string, { open: number; overdue: number; escalated: number }>();
  for (const x of tasks.data ?? []) {
    const who = x.assigneeRole === 'coordinator' ? t('role.coordinator') : x.assignee;
    const row = perAgency.get(who) ?? { open: 0, overdue: 0, escalated: 0 };
    row.open++;
    if (overdue(x)) row.overdue++;
    if (x.escalatedAt) row.escalated++;
    perAgency.set(who, row);
  }
  const next = meetings.data
    ?.filter((m) => !['ADOPTED', 'CANCELLED'].includes(m.status) && Date.parse(m.scheduledAt) > Date.now() - 86_400_000)
    .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt))[0];
  const circulating = decisions.data?.filter((d) => d.status === 'CIRCULATING') ?? [];

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <h1 id="dash-title">{t('dashboard.title', { network: here.name })}</h1>
      {cycles.isPending && <p className="loading">{t('common.loading')}</p>}
      {cycle ? (
        <section aria-labelledby="cycle-title" className="card">
          <h2 id="cycle-title">{t('dashboard.cycle', { year: cycle.year })}</h2>
          <ol className="phases" aria-label={t('dashboard.phases')}>
            {PHASES.map((p) => {
              const at = PHASES.indexOf(cycle.phase);
              const state = PHASES.indexOf(p) < at ? 'past' : p === cycle.phase ? 'current' : 'future';
              const end = PHASE_END[p] === 'end' ? cycle.calendar.end : cycle.calendar.deadlines[PHASE_END[p]];
              return (
                <li key={p} className={state} aria-current={state === 'current' ? 'step' : undefined}>
                  <span className="phase-name">{t(`phase.${p}`)}</span>
                  {end && <span className="phase-end">{formatDateTime(end, language, here.timeZone)}</span>}
                </li>
              );
            })}
          </ol>
          <p>
            <Link to={href(n, 'audit', cycle.workflowId)}>{t('dashboard.history')}</Link>
          </p>
          {cycle.report && (
            <ReportFiles
              label={t('dashboard.reportFiles', { year: cycle.year })}
              path={`/networks/${n}/reports/annual/${cycle.year}`}
              language={language}
            />
          )}
          {cycle.calendar.quarters
            .map((q, i) => ({ ...q, quarter: i + 1 }))
            .filter((q) => Date.parse(q.start) <= Date.now())
            .map((q) => (
              <ReportFiles
                key={q.quarter}
                label={t('dashboard.quarterFiles', { quarter: q.quarter, year: cycle.year })}
                path={`/networks/${n}/reports/quarterly/${cycle.year}/${q.quarter}`}
                language={language}
              />
            ))}
        </section>
      ) : (
        cycles.data && <p className="empty">{t('dashboard.noCycle')}</p>
      )}

      <div className="cards">
        <section aria-labelledby="tasks-title" className="card">
          <h2 id="tasks-title">{t('dashboard.tasks')}</h2>
          <TableWrap label={t('dashboard.tasks')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.agency')}</th>
                  <th scope="col">{t('dashboard.open')}</th>
                  <th scope="col">{t('dashboard.overdue')}</th>
                  <th scope="col">{t('dashboard.escalated')}</th>
                </tr>
              </thead>
              <tbody>
                {[...perAgency.entries()]
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([who, r]) => (
                    <tr key={who}>
                      <th scope="row">{who}</th>
                      <td>{formatNumber(r.open, language)}</td>
                      <td className={r.overdue ? 'late' : undefined}>{formatNumber(r.overdue, language)}</td>
                      <td className={r.escalated ? 'late' : undefined}>{formatNumber(r.escalated, language)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
          {perAgency.size === 0 && tasks.data && <p className="empty">{t('dashboard.noTasks')}</p>}
        </section>
        <section aria-labelledby="meeting-title" className="card">
          <h2 id="meeting-title">{t('dashboard.nextMeeting')}</h2>
          {next ? (
            <p>
              <Link to={href(n, 'meetings', next.id)}>{meetingTitle(next, t)}</Link> ·{' '}
              {formatDateTime(next.scheduledAt, language, here.timeZone)} · {t(`meetingStatus.${next.status}`)}
            </p>
          ) : (
            <p className="empty">{t('dashboard.noMeeting')}</p>
          )}
          <h2>{t('dashboard.decisions')}</h2>
          {circulating.length === 0 ? (
            <p className="empty">{t('dashboard.noDecisions')}</p>
          ) : (
            <ul>
              {circulating.map((d) => (
                <li key={d.id}>
                  {d.proposal?.title} ·{' '}
                  {t('dashboard.until', { when: formatDateTime(d.proposal?.deadline, language, here.timeZone) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <TwgPanels here={here} language={language} />

      <section aria-labelledby="gcm-title" className="card">
        <h2 id="gcm-title">{t('dashboard.gcm')}</h2>
        {activities.length === 0 ? (
          <p className="empty">{t('dashboard.noPlan')}</p>
        ) : (
          <>
            <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
              <GcmChart activities={activities} language={language} />
            </Suspense>
            <GcmTable activities={activities} />
          </>
        )}
      </section>

      <section aria-labelledby="indicators-title" className="card">
        <h2 id="indicators-title">{t('dashboard.indicators')}</h2>
        <IndicatorTable activities={activities} />
      </section>

      {actingRole(here.role) === 'coordinator' && (
        <>
          <CoordinatorCommands here={here} language={language} />
          <StartCycle here={here} language={language} />
        </>
      )}
    </section>
  );
}

/** Each GCM objective with the activities and agencies on it: the chart's numbers, readable without it. */
function GcmTable({ activities }: { activities: Activity[] }) {
  const { t } = useTranslation();
  const rows = Array.from({ length: 23 }, (_, i) => {
    const on = activities.filter((a) => a.gcmObjectives.includes(i + 1));
    return { n: i + 1, on, agencies: [...new Set(on.flatMap((a) => [a.leadAgency, ...a.partnerAgencies]))].sort() };
  }).filter((r) => r.on.length > 0);
  return (
    <TableWrap label={t('dashboard.gcmTable')}>
      <table className="gcm-table">
        <caption>{t('dashboard.gcmTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.objective')}</th>
            <th scope="col">{t('dashboard.activities')}</th>
            <th scope="col">{t('dashboard.agencies')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.n}>
              <th scope="row">{t('form.gcm', { n: r.n })}</th>
              <td>{r.on.map((a) => `${a.id} ${a.title}`).join('; ')}</td>
              <td>{r.agencies.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Start a cycle: the year, and for a compressed one (a demo, a rehearsal) its start and end in the network's zone. */
function StartCycle({ here }: PageProps) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const start_ = useMutation({
    mutationFn: () =>
      post(`/networks/${here.network}/cycles`, {
        year: Number(year),
        // The network's own zone always (the API's default is Dili's); the two dates only together.
        calendar: {
          timeZone: here.timeZone,
          ...(start && end ? { start: localToIso(start, here.timeZone), end: localToIso(end, here.timeZone) } : {}),
        },
      }),
    onSuccess: async () => {
      setErrors([]);
      setMessage(t('dashboard.started', { year }));
      await queries.invalidateQueries({ queryKey: ['cycles', here.network] });
    },
    onError: (e) => {
      setErrors(e instanceof ApiError ? [...e.details] : []);
      setMessage(e instanceof Error ? e.message : String(e));
    },
  });
  // One date without the other would quietly start a calendar year: say so instead, before anything starts.
  const startCycle = () => {
    if (Boolean(start) !== Boolean(end)) {
      setErrors([{ field: 'calendar', message: t('dashboard.bothDates') }]);
      setMessage(undefined);
      return;
    }
    start_.mutate();
  };
  const errorOf = (field: string) =>
    errors
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
      .map((e) => worded(e.message, t))
      .join(' · ');
  return (
    <section aria-labelledby="start-title" className="card">
      <h2 id="start-title">{t('dashboard.start')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          startCycle();
        }}
      >
        <div className="field">
          <label htmlFor="start-year">{t('dashboard.year')}</label>
          <input id="start-year" type="number" value={year} onChange={(e) => setYear(e.target.value)} />
          {errorOf('year') && <span className="field-error">{errorOf('year')}</span>}
        </div>
        <p className="note">{t('dashboard.compressed', { zone: here.timeZone })}</p>
        <div className="field">
          <label htmlFor="start-start">{t('dashboard.calendarStart')}</label>
          <input
            id="start-start"
            type="datetime-local"
            step="1"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="start-end">{t('dashboard.calendarEnd')}</label>
          <input id="start-end" type="datetime-local" step="1" value={end} onChange={(e) => setEnd(e.target.value)} />
          {errorOf('calendar') && <span className="field-error">{errorOf('calendar')}</span>}
        </div>
        <button type="submit" className="primary" disabled={start_.isPending}>
          {t('dashboard.startButton')}
        </button>
        {message && (
          <p role="status" className="note">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
