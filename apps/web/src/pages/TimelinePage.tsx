import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { get, seg } from '../api';
import type { PageProps } from '../App';
import { formatDateTime } from '../format';
import { href, Link } from '../router';
import { subjectWords, useTaskKinds } from '../tasks';
import { TableWrap } from '../components/TableWrap';
import { whoWords } from '../who';

interface Entry {
  eventId: number | null;
  at: string;
  type: string;
  agency: string | null;
  role: string | null;
  person: string | null;
  onBehalfOf: string | null;
  what: string;
  facts: { key: string; values: Record<string, string> } | null;
  statusAfter: string | null;
  rejected: boolean;
}

/**
 * One process's timeline, replayed from its history with the deployed code: who (agency and person), what, the state
 * after; the commands the API refused in place. Any event opens the state as of it.
 */
export function TimelinePage({ here, language, workflowId }: PageProps & { workflowId: string }) {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState<number | undefined>();
  const base = `/networks/${here.network}/histories/${seg(workflowId)}`;
  const timeline = useQuery({
    queryKey: ['timeline', here.network, workflowId],
    queryFn: () => get<{ items: Entry[] }>(`${base}/timeline`),
  });
  const state = useQuery({
    queryKey: ['state', here.network, workflowId, asOf],
    enabled: asOf !== undefined,
    queryFn: () => get<unknown>(`${base}/state?event=${asOf}`),
  });
  const entries = timeline.data?.items ?? [];
  const kinds = useTaskKinds(here.network).data ?? [];
  /** An event in the reader's words, from its fields; the API's English line where the page has no words for it. */
  const words = (e: Entry): string => {
    if (e.rejected || !e.facts || !i18n.exists(`event.${e.facts.key}`)) return e.what;
    const v = e.facts.values;
    const name = kinds.find((k) => k.kind === v.kind)?.name[language] ?? v.kind;
    const subject = subjectWords(v.subject ?? null, v.assignee ?? '', t);
    const task = subject ? `${name} · ${subject}` : name;
    const line = t(`event.${e.facts.key}`, {
      ...v,
      task,
      dueAt: formatDateTime(v.dueAt, language, here.timeZone),
      phase: v.phase ? statusWord(v.phase) : '',
    });
    const answer = v.answer ? t(`enum.${v.answer}`, { defaultValue: v.answer }) : '';
    return [line, answer && `: ${answer}`, v.why && ` “${v.why}”`].filter(Boolean).join('');
  };
  /** A phase or status after an event, in words where the page has them. */
  const statusWord = (s: string): string => {
    const key = ['phase', 'meetingStatus', 'runStatus'].map((g) => `${g}.${s}`).find((k) => i18n.exists(k));
    return key ? t(key) : s;
  };
  return (
    <section aria-labelledby="timeline-title">
      <p className="crumbs">
        <Link to={href(here.network, 'audit')}>{t('nav.audit')}</Link>
      </p>
      <h1 id="timeline-title">{t('audit.timelineOf', { workflowId })}</h1>
      {timeline.isPending && <p className="loading">{t('audit.replaying')}</p>}
      {timeline.isError && <p role="alert">{(timeline.error as Error).message}</p>}
      {entries.length > 0 && (
        <TableWrap label={t('audit.timelineOf', { workflowId })}>
          <table className="timeline">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.after')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('audit.stateAsOf')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.eventId ?? 'r'}-${i}`} className={e.rejected ? 'rejected' : undefined}>
                  <td>{formatDateTime(e.at, language, here.timeZone)}</td>
                  <td className="who">{whoWords(e, t) || t('audit.theProcess')}</td>
                  <td title={e.what}>
                    {e.rejected && <span className="event-type">{t('audit.refused')}</span>} {words(e)}
                  </td>
                  <td>{e.statusAfter ? statusWord(e.statusAfter) : '—'}</td>
                  <td>
                    {e.eventId !== null && (
                      <button type="button" className="link" onClick={() => setAsOf(e.eventId!)}>
                        {t('audit.stateAsOf')}
                        <span className="visually-hidden"> {e.eventId}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {asOf !== undefined && (
        <section aria-labelledby="state-title" className="card">
          <h2 id="state-title">{t('audit.stateAt', { n: asOf })}</h2>
          {state.isPending ? (
            <p className="loading">{t('audit.replaying')}</p>
          ) : (
            <pre className="state" tabIndex={0}>
              {JSON.stringify(state.data, null, 2)}
            </pre>
          )}
        </section>
      )}
    </section>
  );
}
