import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { post, seg } from '../api';
import type { PageProps } from '../App';
import { formatDateTime } from '../format';
import { CommandForm, Disclosure, reasonField } from './CommandForm';

interface ActionItem {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly status: string;
}

/**
 * The coordinator's commands on one meeting: move it or cancel it while it is not yet held, and drop an open action
 * item that is no longer worth carrying to the next agenda. Each asks for the reason the history keeps.
 */
export function MeetingCommands({
  here,
  language,
  meeting,
  status,
  actionItems,
}: PageProps & { meeting: string; status: string; actionItems: readonly ActionItem[] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const n = here.network;
  const refresh = () => queries.invalidateQueries({ queryKey: ['meeting', n, meeting] });
  const reason = reasonField(t);
  const notHeld = ['SCHEDULED', 'AGENDA_CALL', 'AGENDA_PUBLISHED'].includes(status);
  const open = actionItems.filter((a) => a.status === 'open');
  if (!notHeld && open.length === 0) return null;
  return (
    <section aria-labelledby="meeting-commands" className="card">
      <h2 id="meeting-commands">{t('command.title')}</h2>
      {notHeld && (
        <>
          <Disclosure summary={t('command.reschedule')}>
            <CommandForm
              timeZone={here.timeZone}
              title={t('command.reschedule')}
              submit={t('command.rescheduleButton')}
              fields={[{ name: 'scheduledAt', label: t('command.meetingAt'), kind: 'datetime' }, reason]}
              send={(v) =>
                post(`/networks/${n}/meetings/${seg(meeting)}/reschedule`, {
                  scheduledAt: v.scheduledAt,
                  reason: v.reason,
                })
              }
              done={async (r) => {
                await refresh();
                const at = (r as { scheduledAt: string }).scheduledAt;
                return t('command.rescheduled', { when: formatDateTime(at, language, here.timeZone) });
              }}
            />
          </Disclosure>
          <Disclosure summary={t('command.cancel')}>
            <CommandForm
              timeZone={here.timeZone}
              title={t('command.cancel')}
              submit={t('command.cancelButton')}
              fields={[reason]}
              send={(v) => post(`/networks/${n}/meetings/${seg(meeting)}/cancel`, { reason: v.reason })}
              done={async () => {
                await refresh();
                return t('command.cancelled');
              }}
            />
          </Disclosure>
        </>
      )}
      {open.map((a) => (
        <Disclosure key={a.id} summary={t('command.drop', { item: a.title, owner: a.owner })}>
          <CommandForm
            timeZone={here.timeZone}
            title={t('command.drop', { item: a.title, owner: a.owner })}
            submit={t('command.dropButton')}
            fields={[reason]}
            send={(v) => post(`/networks/${n}/action-items/${seg(a.id)}/drop`, { reason: v.reason })}
            done={async () => {
              await refresh();
              return t('command.dropped');
            }}
          />
        </Disclosure>
      ))}
    </section>
  );
}
