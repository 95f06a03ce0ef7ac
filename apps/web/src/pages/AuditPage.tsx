import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
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
    </section>
  );
}
