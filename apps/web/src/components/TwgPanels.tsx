import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
import type { PageProps } from '../App';
import { formatDateTime, formatNumber } from '../format';
import { useCalendarDay, useTwgs } from '../network-data';
import { TableWrap } from './TableWrap';

interface Round {
  id: string;
  year: number;
  period: number;
  status: string;
  end: string;
  updates: Record<string, unknown>;
}
interface Impediment {
  id: string;
  twg: string;
  description: string;
  severity: string;
  status: string;
  raisedAt: string;
}

/**
 * The TWGs on the coordinator's dashboard: each active TWG's current round with the members whose update is missing,
 * and the impediment register's unresolved entries by TWG, with how long the oldest has waited.
 */
export function TwgPanels({ here, language }: PageProps) {
  const { t } = useTranslation();
  const n = here.network;
  // The network's TWGs query, shared with the TWG and members pages (one key, one shape); the abolished have no round.
  const all = useTwgs(n);
  const active = (all.data ?? []).filter((x) => !x.abolishedOn);
  const rounds = useQueries({
    queries: active.map((twg) => ({
      queryKey: ['rounds', n, twg.code],
      queryFn: async () => (await get<{ items: Round[] }>(`/networks/${n}/twgs/${twg.code}/rounds`)).items,
      refetchInterval: 15_000,
    })),
  });
  const impediments = useQuery({
    queryKey: ['impediments', n],
    queryFn: async () =>
      (await get<{ items: Impediment[] }>(`/networks/${n}/impediments`)).items.filter((i) => i.status !== 'resolved'),
    refetchInterval: 15_000,
  });
  const nameOf = (code: string) => all.data?.find((x) => x.code === code)?.name ?? code;
  const current = active.map((twg, i) => {
    const list = rounds[i]?.data ?? [];
    // The round collecting or consolidating now, else the newest one.
    const round = list.find((r) => r.status === 'COLLECTING' || r.status === 'CONSOLIDATING') ?? list[0];
    // An update is missing once its task expired (null); while the round collects, a member may still send it.
    const asked = round !== undefined && ['COLLECTING', 'CONSOLIDATING', 'CLOSED'].includes(round.status);
    const missing = asked ? twg.memberAgencies.filter((a) => !round.updates[a]) : [];
    return { twg, round, asked, missing, collecting: round?.status === 'COLLECTING' };
  });
  const byTwg = new Map<string, Impediment[]>();
  for (const i of impediments.data ?? []) byTwg.set(i.twg, [...(byTwg.get(i.twg) ?? []), i]);
  const now = Date.now();
  const day = useCalendarDay(n);
  return (
    <div className="cards">
      <section aria-labelledby="rounds-title" className="card">
        <h2 id="rounds-title">{t('dashboard.rounds')}</h2>
        {current.length === 0 ? (
          <p className="empty">{t('dashboard.noRounds')}</p>
        ) : (
          <ul className="rounds">
            {current.map(({ twg, round, asked, missing, collecting }) => (
              <li key={twg.code}>
                <strong>{twg.name}</strong> ({twg.leadAgency}){' '}
                {round ? (
                  <>
                    · {t('dashboard.period', { period: round.period, year: round.year })} ·{' '}
                    {t(`roundStatus.${round.status}`, { defaultValue: round.status })} ·{' '}
                    {t('dashboard.roundEnds', { when: formatDateTime(round.end, language, here.timeZone) })}
                    <br />
                    {!asked ? null : missing.length === 0 ? (
                      t('dashboard.noneMissing')
                    ) : (
                      <span className={collecting ? undefined : 'late-text'}>
                        {t(collecting ? 'dashboard.awaiting' : 'dashboard.missing', { agencies: missing.join(', ') })}
                      </span>
                    )}
                  </>
                ) : (
                  `· ${t('dashboard.noRound')}`
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="impediments-title" className="card">
        <h2 id="impediments-title">{t('dashboard.impediments')}</h2>
        {byTwg.size === 0 ? (
          <p className="empty">{t('dashboard.noImpediments')}</p>
        ) : (
          <TableWrap label={t('dashboard.impediments')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.twg')}</th>
                  <th scope="col">{t('dashboard.unresolved')}</th>
                  <th scope="col">{t('dashboard.high')}</th>
                  <th scope="col">{t('dashboard.oldest')}</th>
                </tr>
              </thead>
              <tbody>
                {[...byTwg].map(([twg, list]) => {
                  const oldest = Math.min(...list.map((i) => Date.parse(i.raisedAt)));
                  return (
                    <tr key={twg}>
                      <th scope="row">{nameOf(twg)}</th>
                      <td>{formatNumber(list.length, language)}</td>
                      <td>{formatNumber(list.filter((i) => i.severity === 'high').length, language)}</td>
                      <td>{t('dashboard.days', { count: Math.floor((now - oldest) / day) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
