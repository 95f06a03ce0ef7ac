import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { post, seg } from '../api';
import type { PageProps } from '../App';
import { formatDateTime } from '../format';
import { memberChoices, useMembers } from '../network-data';
import type { Task, TaskKind } from '../tasks';
import { CommandForm, Disclosure, reasonField } from './CommandForm';

/**
 * The coordinator's changes to an open task: a later due time (its reminder and escalation move with it), or, for a
 * kind that is a responsibility rather than an agency's own answer, another member agency. Both with a reason, which
 * the task's history keeps.
 */
export function TaskChanges({ here, language, task, kind }: PageProps & { task: Task; kind: TaskKind | undefined }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const members = useMembers(here.network);
  const path = `/networks/${here.network}/tasks/${seg(task.id)}`;
  const changed = async (done: unknown) => {
    const next = done as Task;
    queries.setQueryData(['task', here.network, task.id], { ...next, context: task.context });
    await queries.invalidateQueries({ queryKey: ['tasks', here.network] });
    return next;
  };
  return (
    <section aria-labelledby="changes-title" className="card">
      <h2 id="changes-title">{t('command.taskChanges')}</h2>
      <Disclosure summary={t('command.extend')}>
        <CommandForm
          title={t('command.extend')}
          submit={t('command.extendButton')}
          timeZone={here.timeZone}
          fields={[{ name: 'dueAt', label: t('command.newDue'), kind: 'datetime' }, reasonField(t)]}
          send={(v) => post(`${path}/extend`, { dueAt: v.dueAt, reason: v.reason })}
          done={async (r) =>
            t('command.extended', { when: formatDateTime((await changed(r)).dueAt, language, here.timeZone) })
          }
        />
      </Disclosure>
      {kind?.reassignable && task.assigneeRole === 'agency' && (
        <Disclosure summary={t('command.reassign')}>
          <CommandForm
            title={t('command.reassign')}
            submit={t('command.reassignButton')}
            timeZone={here.timeZone}
            fields={[
              {
                name: 'agency',
                label: t('command.toAgency'),
                kind: 'select',
                options: memberChoices(members.data).filter((m) => m.value !== task.assignee),
              },
              reasonField(t),
            ]}
            send={(v) => post(`${path}/reassign`, { agency: v.agency, reason: v.reason })}
            done={async (r) => t('command.reassigned', { agency: (await changed(r)).assignee })}
          />
        </Disclosure>
      )}
    </section>
  );
}
