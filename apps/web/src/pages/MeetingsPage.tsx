import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

import { get } from '../api';
import type { PageProps } from '../App';
import { MeetingCommands } from '../components/MeetingCommands';
import { TableWrap } from '../components/TableWrap';
import { formatDateTime } from '../format';
import { href, Link } from '../router';
import { actingRole } from '../session';

interface Meeting {
  id: string;
  kind: 'quarterly' | 'adhoc';
  title: string;
  status: string;
  year: number;
  quarter: number | null;
  scheduledAt: string;
}
interface MeetingDetail extends Meeting {
  agendaCallAt: string;
  agendaDueAt: string;
  agendaPublishedAt: string | null;
  agenda: { id: string; title: string; source: string; by: string | null; note: string | null }[];
  attendance: { agency: string; name: string; title: string }[];
  minutes: { version: number; text: string; at: string }[];
  minutesReviews: { round: number; outcome: string; at: string; objections: { agency: string; reason?: string }[] }[];
  actionItems: { id: string; title: string; owner: string; dueAt: string; status: string; overdue: boolean }[];
  cancelled: { reason: string } | null;
  reschedules: { at: string; from: string; to: string; reason: string }[];
}

/** A quarterly meeting is named in the reader's language; another keeps the title it was given. */
export function meetingTitle(m: Pick<Meeting, 'kind' | 'title' | 'year' | 'quarter'>, t: TFunction): string {
  return m.kind === 'quarterly' && m.quarter
    ? t('dashboard.quarterlyMeeting', { year: m.year, quarter: m.quarter })
    : m.title;
}

/** The network's meetings, in date order: every member reads them. */
export function MeetingsPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['meetings', here.network],
    queryFn: async () => (await get<{ items: Meeting[] }>(`/networks/${here.network}/meetings`)).items,
  });
  return (
    <section aria-labelledby="meetings-title">
      <h1 id="meetings-title">{t('meetings.title')}</h1>
      {list.isPending && <p className="loading">{t('common.loading')}</p>}
      {list.data?.length === 0 && <p className="empty">{t('dashboard.noMeeting')}</p>}
      {list.data && list.data.length > 0 && (
        <TableWrap label={t('meetings.title')}>
          <table className="meetings">
            <thead>
              <tr>
                <th scope="col">{t('meetings.meeting')}</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={href(here.network, 'meetings', m.id)}>{meetingTitle(m, t)}</Link>
                  </td>
                  <td>{formatDateTime(m.scheduledAt, language, here.timeZone)}</td>
                  <td>{t(`meetingStatus.${m.status}`, { defaultValue: m.status })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** One meeting: its dates, the agenda with the source of each item, who attended, the minutes and their reviews, action items. */
export function MeetingPage({ here, language, id }: PageProps & { id: string }) {
  const { t } = useTranslation();
  const m = useQuery({
    queryKey: ['meeting', here.network, id],
    queryFn: () => get<MeetingDetail>(`/networks/${here.network}/meetings/${encodeURIComponent(id)}`),
  });
  const when = (iso: string | null) => formatDateTime(iso, language, here.timeZone);
  if (m.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (m.isError) return <p role="alert">{(m.error as Error).message}</p>;
  const x = m.data;
  return (
    <section aria-labelledby="meeting-title" className="task">
      <p className="crumbs">
        <Link to={href(here.network, 'meetings')}>{t('meetings.title')}</Link>
      </p>
      <h1 id="meeting-title">{meetingTitle(x, t)}</h1>
      <dl className="facts">
        <dt>{t('audit.when')}</dt>
        <dd>{when(x.scheduledAt)}</dd>
        <dt>{t('audit.status')}</dt>
        <dd>{t(`meetingStatus.${x.status}`, { defaultValue: x.status })}</dd>
        <dt>{t('meetings.agendaCall')}</dt>
        <dd>
          {when(x.agendaCallAt)} – {when(x.agendaDueAt)}
        </dd>
        {x.cancelled && (
          <>
            <dt>{t('meetingStatus.CANCELLED')}</dt>
            <dd>{x.cancelled.reason}</dd>
          </>
        )}
        {x.reschedules.map((r) => (
          <Fragment key={r.at}>
            <dt>{t('meetings.moved')}</dt>
            <dd>{t('meetings.movedText', { from: when(r.from), to: when(r.to), reason: r.reason })}</dd>
          </Fragment>
        ))}
      </dl>
      {actingRole(here.role) === 'coordinator' && (
        <MeetingCommands here={here} language={language} meeting={x.id} status={x.status} actionItems={x.actionItems} />
      )}
      <section aria-labelledby="agenda-title" className="card">
        <h2 id="agenda-title">{t('meetings.agenda')}</h2>
        {x.agendaPublishedAt === null || x.agenda.length === 0 ? (
          <p className="empty">{t('meetings.noAgenda')}</p>
        ) : (
          <ol className="agenda">
            {x.agenda.map((i) => (
              <li key={i.id}>
                {i.title}{' '}
                <span className="meta">
                  ({t(`source.${i.source}`, { defaultValue: i.source })}
                  {i.by ? `, ${i.by}` : ''})
                </span>
                {i.note && <p className="note">{i.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {x.attendance.length > 0 && (
        <section aria-labelledby="attendance-title" className="card">
          <h2 id="attendance-title">{t('meetings.attendance')}</h2>
          <ul>
            {x.attendance.map((a) => (
              <li key={`${a.agency}-${a.name}`}>
                <strong>{a.agency}</strong>: {a.name}, {a.title}
              </li>
            ))}
          </ul>
        </section>
      )}
      {x.minutes.length > 0 && (
        <section aria-labelledby="minutes-title" className="card">
          <h2 id="minutes-title">{t('meetings.minutes')}</h2>
          {[...x.minutes].reverse().map((v) => (
            <article key={v.version}>
              <h3>{t('meetings.version', { n: v.version, when: when(v.at) })}</h3>
              <p className="minutes">{v.text}</p>
            </article>
          ))}
          {x.minutesReviews.map((r) => (
            <p key={r.round}>
              {t('meetings.review', { n: r.round, outcome: t(`meetings.outcome.${r.outcome}`), when: when(r.at) })}
              {r.objections.map((o) => ` ${o.agency}: ${o.reason ?? ''}`).join(';')}
            </p>
          ))}
        </section>
      )}
      {x.actionItems.length > 0 && (
        <section aria-labelledby="actions-title" className="card">
          <h2 id="actions-title">{t('meetings.actionItems')}</h2>
          <ul>
            {x.actionItems.map((a) => (
              <li key={a.id} className={a.overdue ? 'late-text' : undefined}>
                {a.title} · {a.owner} · {t('inbox.due', { when: when(a.dueAt) })} ·{' '}
                {t(`status.${a.status}`, { defaultValue: a.status })}
                {a.overdue ? ` · ${t('inbox.overdue')}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
