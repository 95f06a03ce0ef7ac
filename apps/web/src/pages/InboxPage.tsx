import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
import type { PageProps } from '../App';
import { formatDateTime, localToIso } from '../format';
import { href, Link } from '../router';
import { actingRole } from '../session';
import { overdue, subjectWords, useTaskKinds, type Task } from '../tasks';

/** My agency's tasks (the coordinator's, for the coordinator), oldest due first, with overdue and escalated marks. */
export function InboxPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'completed'>('open');
  const [kind, setKind] = useState('');
  const [process, setProcess] = useState('');
  const [dueBefore, setDueBefore] = useState('');
  const kinds = useTaskKinds(here.network);
  const role = actingRole(here.role);
  const query = new URLSearchParams({ status, pageSize: '200' });
  if (kind) query.set('kind', kind);
  if (role === 'coordinator' && here.agency) query.set('assignee', here.agency);
  const tasks = useQuery({
    queryKey: ['tasks', here.network, query.toString()],
    queryFn: () => get<{ items: Task[]; total: number }>(`/networks/${here.network}/tasks?${query}`),
    refetchInterval: 15_000,
  });
  const mine = (tasks.data?.items ?? [])
    .filter((x) => role !== 'coordinator' || x.assigneeRole === 'coordinator')
    .filter((x) => !process || x.process.startsWith(process))
    .filter((x) => !dueBefore || Date.parse(x.dueAt) <= Date.parse(localToIso(`${dueBefore}T23:59:59`, here.timeZone)));
  const name = (k: string) => kinds.data?.find((x) => x.kind === k)?.name[language] ?? k;
  const processes = [...new Set((tasks.data?.items ?? []).map((x) => x.process.split(':')[0]))];
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        {t('inbox.title', { who: role === 'coordinator' ? t('role.coordinator') : (here.agency ?? here.person) })}
      </h1>
      <div className="filters" role="group" aria-label={t('inbox.filters')}>
        <label>
          {t('inbox.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'completed')}>
            <option value="open">{t('status.open')}</option>
            <option value="completed">{t('status.completed')}</option>
          </select>
        </label>
        <label>
          {t('inbox.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('inbox.any')}</option>
            {kinds.data?.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.process')}
          <select value={process} onChange={(e) => setProcess(e.target.value)}>
            <option value="">{t('inbox.any')}</option>
            {processes.map((p) => (
              <option key={p} value={p}>
                {t(`process.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.dueBefore')}
          <input type="date" value={dueBefore} onChange={(e) => setDueBefore(e.target.value)} />
        </label>
      </div>
      {tasks.isPending && <p className="loading">{t('common.loading')}</p>}
      {tasks.isError && <p role="alert">{t('common.unavailable')}</p>}
      {tasks.data && mine.length === 0 && <p className="empty">{t(`inbox.none.${status}`)}</p>}
      <ul className="task-list">
        {mine.map((task) => (
          <li key={task.id} className={overdue(task) ? 'overdue' : undefined}>
            <Link to={href(here.network, 'tasks', task.id)}>
              <span className="task-name">{name(task.kind)}</span>
              {subjectWords(task.subject, task.assignee, t) && (
                <span className="subject">{subjectWords(task.subject, task.assignee, t)}</span>
              )}
            </Link>
            <span className="meta">
              {t(`process.${task.process.split(':')[0]}`)} · {task.process.split(':').slice(2).join(':')}
            </span>
            <span className="due">
              {task.status === 'open'
                ? t('inbox.due', { when: formatDateTime(task.dueAt, language, here.timeZone) })
                : t('inbox.done', {
                    when: formatDateTime(task.completedAt, language, here.timeZone),
                    who: task.completedByPerson ?? task.completedBy ?? '—',
                  })}
            </span>
            <span className="marks">
              {overdue(task) && <span className="mark late">{t('inbox.overdue')}</span>}
              {task.escalatedAt && task.status === 'open' && (
                <span className="mark escalated">{t('inbox.escalated')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
