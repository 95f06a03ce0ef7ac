import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
import type { PageProps } from '../App';
import { TableWrap } from '../components/TableWrap';
import { formatDateTime, formatNumber } from '../format';
import { href, Link } from '../router';
import { whoWords } from '../who';

interface Row {
  seq: number;
  at: string;
  actorRole: string | null;
  actorAgency: string | null;
  actorPerson: string | null;
  onBehalfOf: string | null;
  command: string;
  target: string | null;
  outcome: 'accepted' | 'rejected' | 'unknown';
  status: number;
  errorCode: string | null;
}
interface Verification {
  rows: number;
  intact: boolean;
  firstBreak: { seq: number; at: string | null; reason: string } | null;
  signatures: { signed: number; unsigned: number } | null;
  anchors: { checked: number } | null;
}

const PAGE = 50;

/**
 * The audit log as an auditor reads it: the hash chain verified (every row's link, hash and signature, and the heads
 * recorded in Temporal), then every command the API received, newest page first. Read-only.
 */
export function AuditLogPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const base = `/networks/${here.network}/audit-log`;
  const [back, setBack] = useState(0); // pages back from the newest: 0 shows the newest PAGE rows
  const verify = useQuery({
    queryKey: ['audit-verify', here.network],
    queryFn: () => get<Verification>(`${base}/verify`),
  });
  const total = useQuery({
    queryKey: ['audit-total', here.network],
    queryFn: async () => (await get<{ total: number }>(`${base}?pageSize=1`)).total,
  });
  const count = total.data ?? 0;
  const pages = Math.max(1, Math.ceil(count / PAGE));
  // The API pages oldest first: the newest PAGE rows span at most two of its pages.
  const endRow = count - back * PAGE;
  const startRow = Math.max(1, endRow - PAGE + 1);
  const rows = useQuery({
    queryKey: ['audit-log', here.network, count, back],
    enabled: total.data !== undefined && count > 0,
    queryFn: async () => {
      const first = Math.ceil(startRow / PAGE);
      const last = Math.ceil(endRow / PAGE);
      const got: Row[] = [];
      for (let p = first; p <= last; p++)
        got.push(...(await get<{ items: Row[] }>(`${base}?page=${p}&pageSize=${PAGE}`)).items);
      return got.slice(startRow - (first - 1) * PAGE - 1, endRow - (first - 1) * PAGE);
    },
  });
  const v = verify.data;
  return (
    <section aria-labelledby="log-title">
      <p className="crumbs">
        <Link to={href(here.network, 'audit')}>{t('nav.audit')}</Link>
      </p>
      <h1 id="log-title">{t('auditLog.title')}</h1>
      <section aria-labelledby="verify-title" className="card">
        <h2 id="verify-title">{t('auditLog.verification')}</h2>
        {verify.isPending && <p className="loading">{t('auditLog.verifying')}</p>}
        {v && (
          <p role="status" className={v.intact ? 'sent' : 'field-error'}>
            {v.intact
              ? t('auditLog.intact', { rows: formatNumber(v.rows, language) })
              : t('auditLog.broken', { seq: v.firstBreak?.seq ?? '?', reason: v.firstBreak?.reason ?? '' })}
          </p>
        )}
        {v?.signatures && (
          <p>
            {t('auditLog.signatures', {
              signed: formatNumber(v.signatures.signed, language),
              unsigned: formatNumber(v.signatures.unsigned, language),
            })}
            {v.anchors && ` ${t('auditLog.anchors', { n: formatNumber(v.anchors.checked, language) })}`}
          </p>
        )}
      </section>
      {rows.data && (
        <TableWrap label={t('auditLog.title')}>
          <table className="audit-log">
            <caption>{t('auditLog.page', { page: back + 1, pages })}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('auditLog.command')}</th>
                <th scope="col">{t('auditLog.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rows.data].reverse().map((r) => (
                <tr key={r.seq} className={r.outcome === 'accepted' ? undefined : 'rejected'}>
                  <td>{r.seq}</td>
                  <td>{formatDateTime(r.at, language, here.timeZone)}</td>
                  <td className="who">
                    {whoWords(
                      { agency: r.actorAgency, role: r.actorRole, person: r.actorPerson, onBehalfOf: r.onBehalfOf },
                      t,
                    )}
                  </td>
                  <td>
                    <code>{r.command}</code> {r.target}
                  </td>
                  <td>
                    {t(`auditLog.${r.outcome}`)} ({r.status}
                    {r.errorCode ? ` ${r.errorCode}` : ''})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div className="pager" role="group" aria-label={t('auditLog.pages')}>
        <button type="button" className="secondary" disabled={back >= pages - 1} onClick={() => setBack(back + 1)}>
          {t('auditLog.older')}
        </button>{' '}
        <button type="button" className="secondary" disabled={back === 0} onClick={() => setBack(back - 1)}>
          {t('auditLog.newer')}
        </button>
      </div>
    </section>
  );
}
