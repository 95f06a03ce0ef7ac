import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { get, post } from '../api';
import type { PageProps } from '../App';
import { formatDateTime, formatNumber } from '../format';
import { href, Link } from '../router';
import { TableWrap } from '../components/TableWrap';

interface History {
  workflowId: string;
  type: string;
  status: string;
  startedAt: string;
  closedAt: string | null;
  events: number;
}

const PROCESSES = ['annual-cycle', 'meeting', 'twg-round', 'decision'];
const STATUSES = ['RUNNING', 'COMPLETED', 'CONTINUED_AS_NEW', 'FAILED', 'TERMINATED', 'CANCELED', 'TIMED_OUT'];

/** The auditor's processes, by year, type and status, from Temporal's own record. Read-only: nothing here writes. */
export function AuditPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const [process, setProcess] = useState('');
  const [year, setYear] = useState('');
  const [status, setStatus] = useState('');
  const q = new URLSearchParams({ pageSize: '200' });
  if (process) q.set('process', process);
  if (/^\d{4}$/.test(year)) q.set('year', year);
  if (status) q.set('status', status);
  const list = useQuery({
    queryKey: ['histories', here.network, q.toString()],
    queryFn: () => get<{ items: History[]; total: number }>(`/networks/${here.network}/histories?${q}`),
  });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="note">{t('audit.readOnly')}</p>
      <p>
        <Link to={href(here.network, 'audit-log')}>{t('audit.toLog')}</Link>
      </p>
      <div className="filters" role="group" aria-label={t('inbox.filters')}>
        <label>
          {t('inbox.process')}
          <select value={process} onChange={(e) => setProcess(e.target.value)}>
            <option value="">{t('inbox.any')}</option>
            {PROCESSES.map((p) => (
              <option key={p} value={p}>
                {t(`process.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.year')}
          <input type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} size={6} />
        </label>
        <label>
          {t('audit.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('inbox.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`runStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending && <p className="loading">{t('common.loading')}</p>}
      {list.isError && <p role="alert">{(list.error as Error).message}</p>}
      {list.data && (
        <TableWrap label={t('audit.title')}>
          <table>
            <caption>{t('audit.count', { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.process')}</th>
                <th scope="col">{t('audit.status')}</th>
                <th scope="col">{t('audit.started')}</th>
                <th scope="col">{t('audit.closed')}</th>
                <th scope="col">{t('audit.events')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((h) => (
                <tr key={h.workflowId}>
                  <td>
                    <Link to={href(here.network, 'audit', h.workflowId)}>{h.workflowId}</Link>
                  </td>
                  <td>{t(`runStatus.${h.status}`, { defaultValue: h.status })}</td>
                  <td>{formatDateTime(h.startedAt, language, here.timeZone)}</td>
                  <td>{formatDateTime(h.closedAt, language, here.timeZone)}</td>
                  <td>{formatNumber(h.events, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {/^\d{4}$/.test(year) && <YearTools here={here} language={language} year={Number(year)} />}
    </section>
  );
}

interface ReplayJob {
  id: string;
  status: string;
  total: number;
  done: number;
  cleanly: number;
  failedCount: number;
  failed: { workflowId: string; divergedAt?: number | null; error?: string | null }[];
}

/**
 * What an auditor does with a year: download its histories (the signed archive `mignet audit verify-export` checks),
 * and replay them against the code deployed now, as a durable job whose progress is polled. Neither changes a process.
 */
function YearTools({ here, language, year }: PageProps & { year: number }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | undefined>();
  const start = useMutation({
    mutationFn: () => post<ReplayJob>(`/networks/${here.network}/audits/replays`, { year }),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['replay', here.network, jobId],
    enabled: jobId !== undefined,
    queryFn: () => get<ReplayJob>(`/networks/${here.network}/audits/replays/${encodeURIComponent(jobId!)}`),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'RUNNING' ? false : 1_500),
  });
  const j = job.data;
  return (
    <section aria-labelledby="year-title" className="card">
      <h2 id="year-title">{t('audit.yearTools', { year })}</h2>
      <p>
        <a className="button" href={`/networks/${here.network}/histories/export?year=${year}`} download>
          {t('audit.export', { year })}
        </a>
      </p>
      <p className="note">{t('audit.exportHint')}</p>
      <p>
        <button
          type="button"
          className="secondary"
          disabled={start.isPending || j?.status === 'RUNNING'}
          onClick={() => start.mutate()}
        >
          {t('audit.replay', { year })}
        </button>
      </p>
      {start.isError && <p role="alert">{(start.error as Error).message}</p>}
      {j && (
        <p role="status">
          {j.status === 'RUNNING'
            ? t('audit.replayProgress', {
                done: formatNumber(j.done, language),
                total: formatNumber(j.total, language),
              })
            : t('audit.replayDone', {
                cleanly: formatNumber(j.cleanly, language),
                total: formatNumber(j.total, language),
                failed: formatNumber(j.failedCount, language),
              })}
        </p>
      )}
      {j && j.failed.length > 0 && (
        <ul>
          {j.failed.map((f) => (
            <li key={f.workflowId}>
              <Link to={href(here.network, 'audit', f.workflowId)}>{f.workflowId}</Link>
              {f.divergedAt ? ` ${t('audit.divergedAt', { n: f.divergedAt })}` : ''} {f.error ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
