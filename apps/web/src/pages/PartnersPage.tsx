import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { get, post } from '../api';
import type { PageProps } from '../App';
import { CommandForm, Disclosure, Said, type CommandValues } from '../components/CommandForm';
import { TableWrap } from '../components/TableWrap';
import { formatDate } from '../format';
import { useCycles } from '../network-data';
import { actingRole } from '../session';

const CATEGORIES = [
  'government',
  'migrants-and-communities',
  'civil-society',
  'migrant-and-diaspora-organisations',
  'local-authorities',
  'private-sector',
  'employers-and-workers-organisations',
  'parliamentarians',
  'national-human-rights-commission',
  'human-rights-organisations',
  'academia',
  'media',
  'other',
] as const;
const KINDS = ['consultation', 'event', 'submission', 'meeting'] as const;
const LEVELS = ['national', 'regional', 'global'] as const;

interface Partner {
  id: string;
  name: string;
  category: string;
  contact: string | null;
}
interface Engagement {
  id: string;
  on: string;
  kind: string;
  title: string;
  partners: { id: string; name: string }[];
  activities: string[];
  gcmObjectives: number[];
  feeds: string[];
  agency: string;
}

/**
 * ToR objective 8: the Network's external partners by the ToR's categories, and its engagements with them (what
 * they served and which GCM processes they fed). The coordinator adds partners; any member agency logs engagements.
 */
export function PartnersPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const n = here.network;
  const role = actingRole(here.role);
  const partners = useQuery({
    queryKey: ['partners', n],
    queryFn: async () => (await get<{ items: Partner[] }>(`/networks/${n}/partners`)).items,
  });
  const engagements = useQuery({
    queryKey: ['engagements', n],
    queryFn: async () => (await get<{ items: Engagement[] }>(`/networks/${n}/engagements`)).items,
  });
  const year = useCycles(n).current?.year;
  const plan = useQuery({
    queryKey: ['plan-activities', n, year],
    enabled: year !== undefined,
    queryFn: async () =>
      (await get<{ activities: { id: string; title: string }[] }>(`/networks/${n}/cycles/${year}/plan`)).activities,
  });
  const day = (iso: string) => formatDate(`${iso}T12:00:00Z`, language, 'UTC');
  const list = (v: CommandValues[string] | undefined) => (Array.isArray(v) ? v : []) as string[];
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partners.title')}</h1>
      <p className="intro">{t('partners.intro')}</p>

      <section aria-labelledby="partner-list" className="card">
        <h2 id="partner-list">{t('partners.register')}</h2>
        {partners.data?.length === 0 && <p className="empty">{t('partners.none')}</p>}
        {partners.data && partners.data.length > 0 && (
          <TableWrap label={t('partners.register')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('partners.name')}</th>
                  <th scope="col">{t('partners.category')}</th>
                  <th scope="col">{t('partners.contact')}</th>
                </tr>
              </thead>
              <tbody>
                {partners.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{t(`partnerCategory.${p.category}`)}</td>
                    <td>{p.contact ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {role === 'coordinator' && (
          <Disclosure summary={t('partners.add')}>
            <CommandForm
              timeZone={here.timeZone}
              title={t('partners.add')}
              submit={t('partners.addButton')}
              fields={[
                { name: 'name', label: t('partners.name'), kind: 'text' },
                {
                  name: 'category',
                  label: t('partners.category'),
                  kind: 'select',
                  options: CATEGORIES.map((c) => ({ value: c, label: t(`partnerCategory.${c}`) })),
                },
                { name: 'contact', label: t('partners.contact'), kind: 'text', hint: t('partners.contactHint') },
              ]}
              send={(v) =>
                post(`/networks/${n}/partners`, {
                  name: v.name,
                  category: v.category,
                  ...(v.contact ? { contact: v.contact } : {}),
                })
              }
              done={async (r) => {
                await queries.invalidateQueries({ queryKey: ['partners', n] });
                return <Said words={(say) => say('partners.added', { name: (r as Partner).name })} />;
              }}
            />
          </Disclosure>
        )}
      </section>

      <section aria-labelledby="engagement-list" className="card">
        <h2 id="engagement-list">{t('partners.engagements')}</h2>
        {engagements.data?.length === 0 && <p className="empty">{t('partners.noEngagements')}</p>}
        {engagements.data && engagements.data.length > 0 && (
          <TableWrap label={t('partners.engagements')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('partners.on')}</th>
                  <th scope="col">{t('partners.what')}</th>
                  <th scope="col">{t('partners.with')}</th>
                  <th scope="col">{t('partners.served')}</th>
                  <th scope="col">{t('partners.feeds')}</th>
                  <th scope="col">{t('partners.by')}</th>
                </tr>
              </thead>
              <tbody>
                {engagements.data.map((e) => (
                  <tr key={e.id}>
                    <td>{day(e.on)}</td>
                    <th scope="row">
                      {e.title}
                      <br />
                      <span className="meta">{t(`engagementKind.${e.kind}`)}</span>
                    </th>
                    <td>{e.partners.map((p) => p.name).join('; ')}</td>
                    <td>
                      {[...e.activities, ...e.gcmObjectives.map((g) => t('form.gcm', { n: g }))].join('; ') || '—'}
                    </td>
                    <td>{e.feeds.map((f) => t(`gcmLevel.${f}`)).join(', ') || '—'}</td>
                    <td>{e.agency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {(role === 'coordinator' || role === 'agency') && (partners.data?.length ?? 0) > 0 && (
          <Disclosure summary={t('partners.record')}>
            <CommandForm
              timeZone={here.timeZone}
              title={t('partners.record')}
              submit={t('partners.recordButton')}
              initial={{ kind: 'consultation' }}
              fields={[
                { name: 'on', label: t('partners.on'), kind: 'date' },
                {
                  name: 'kind',
                  label: t('partners.kind'),
                  kind: 'select',
                  options: KINDS.map((k) => ({ value: k, label: t(`engagementKind.${k}`) })),
                },
                { name: 'title', label: t('partners.what'), kind: 'text' },
                {
                  name: 'partners',
                  label: t('partners.with'),
                  kind: 'checkboxes',
                  options: (partners.data ?? []).map((p) => ({ value: p.id, label: p.name })),
                },
                {
                  name: 'activities',
                  label: t('partners.activities', { year: year ?? '' }),
                  kind: 'checkboxes',
                  options: (plan.data ?? []).map((a) => ({ value: a.id, label: `${a.id} ${a.title}` })),
                },
                {
                  name: 'gcmObjectives',
                  label: t('partners.gcm'),
                  kind: 'checkboxes',
                  options: Array.from({ length: 23 }, (_, i) => ({
                    value: String(i + 1),
                    label: t('form.gcm', { n: i + 1 }),
                  })),
                },
                {
                  name: 'feeds',
                  label: t('partners.feeds'),
                  kind: 'checkboxes',
                  options: LEVELS.map((l) => ({ value: l, label: t(`gcmLevel.${l}`) })),
                },
                { name: 'note', label: t('partners.note'), kind: 'textarea' },
              ]}
              send={(v) =>
                post(`/networks/${n}/engagements`, {
                  on: v.on,
                  kind: v.kind,
                  title: v.title,
                  partners: list(v.partners),
                  activities: list(v.activities),
                  gcmObjectives: list(v.gcmObjectives).map(Number),
                  feeds: list(v.feeds),
                  ...(v.note ? { note: v.note } : {}),
                })
              }
              done={async () => {
                await queries.invalidateQueries({ queryKey: ['engagements', n] });
                return <Said words={(say) => say('partners.recorded')} />;
              }}
            />
          </Disclosure>
        )}
      </section>
    </section>
  );
}
