import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { post } from '../api';
import type { PageProps } from '../App';
import { formatDateTime } from '../format';
import { memberChoices, useMembers, useTwgs } from '../network-data';
import { href, Link } from '../router';
import { CommandForm, Disclosure, type CommandValues } from './CommandForm';

const DECISION_KINDS = ['general', 'establish-twg', 'abolish-twg'] as const;

/** The coordinator's commands of the dashboard: convene a meeting, circulate a decision. */
export function CoordinatorCommands({ here, language }: PageProps) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const n = here.network;
  const members = useMembers(n);
  const twgs = useTwgs(n);
  const when = (iso: string) => formatDateTime(iso, language, here.timeZone);
  const kind = (v: CommandValues) => v.kind as string;
  return (
    <section aria-labelledby="commands-title" className="card">
      <h2 id="commands-title">{t('command.title')}</h2>
      <Disclosure summary={t('command.convene')}>
        <CommandForm
          timeZone={here.timeZone}
          title={t('command.convene')}
          submit={t('command.conveneButton')}
          fields={[
            { name: 'title', label: t('command.meetingTitle'), kind: 'text' },
            { name: 'scheduledAt', label: t('command.meetingAt'), kind: 'datetime' },
            { name: 'agendaDueAt', label: t('command.agendaDue'), kind: 'datetime', hint: t('command.agendaDueHint') },
          ]}
          send={(v) =>
            post(`/networks/${n}/meetings`, {
              title: v.title,
              scheduledAt: v.scheduledAt,
              agendaDueAt: v.agendaDueAt,
            })
          }
          done={async (r) => {
            const m = r as { id: string; agendaDueAt: string };
            await queries.invalidateQueries({ queryKey: ['meetings', n] });
            return (
              <>
                {t('command.convened', { when: when(m.agendaDueAt) })}{' '}
                <Link to={href(n, 'meetings', m.id)}>{t('command.openMeeting')}</Link>
              </>
            );
          }}
        />
      </Disclosure>
      <Disclosure summary={t('command.circulate')}>
        <CommandForm
          timeZone={here.timeZone}
          title={t('command.circulate')}
          submit={t('command.circulateButton')}
          initial={{ kind: 'general' }}
          fields={[
            {
              name: 'kind',
              label: t('command.decisionKind'),
              kind: 'select',
              options: DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kind.${k}`) })),
            },
            { name: 'title', label: t('command.decisionTitle'), kind: 'text' },
            { name: 'text', label: t('command.decisionText'), kind: 'textarea' },
            { name: 'deadline', label: t('command.deadline'), kind: 'datetime', hint: t('command.deadlineHint') },
            ...(
              [
                ['payload.code', 'text', t('command.twgCode'), t('command.twgCodeHint')],
                ['payload.name', 'text', t('command.twgName'), undefined],
                ['payload.thematicArea', 'text', t('command.twgArea'), undefined],
              ] as const
            ).map(([name, k, label, hint]) => ({
              name,
              label,
              kind: k,
              hint,
              when: (v: CommandValues) => kind(v) === 'establish-twg',
            })),
            {
              name: 'payload.leadAgency',
              label: t('command.twgLead'),
              kind: 'select',
              options: memberChoices(members.data),
              when: (v) => kind(v) === 'establish-twg',
            },
            {
              name: 'payload.memberAgencies',
              label: t('command.twgMembers'),
              kind: 'checkboxes',
              options: memberChoices(members.data),
              when: (v) => kind(v) === 'establish-twg',
            },
            {
              name: 'payload.twg',
              label: t('command.twgToAbolish'),
              kind: 'select',
              options: (twgs.data ?? []).filter((x) => !x.abolishedOn).map((x) => ({ value: x.code, label: x.name })),
              when: (v) => kind(v) === 'abolish-twg',
            },
          ]}
          send={(v) => {
            const payload = Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => k.startsWith('payload.'))
                .map(([k, x]) => [k.slice('payload.'.length), x]),
            );
            return post(`/networks/${n}/decisions`, {
              kind: v.kind,
              title: v.title,
              text: v.text,
              deadline: v.deadline,
              payload,
            });
          }}
          done={async (r) => {
            const d = r as { proposal: { deadline: string } | null };
            await queries.invalidateQueries({ queryKey: ['decisions', n] });
            return (
              <>
                {t('command.circulated', { when: d.proposal ? when(d.proposal.deadline) : '' })}{' '}
                <Link to={href(n, 'decisions')}>{t('nav.decisions')}</Link>
              </>
            );
          }}
        />
      </Disclosure>
    </section>
  );
}
