import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { get, seg } from '../api';
import type { PageProps } from '../App';
import { ReportFiles } from '../components/ReportFiles';
import { TableWrap } from '../components/TableWrap';
import { formatDate, formatDateTime } from '../format';
import { useCalendarDay, useTwgs } from '../network-data';
import { href, Link } from '../router';

interface Impediment {
  readonly description: string;
  readonly severity: string;
  readonly gcmObjectives: readonly number[];
  readonly target: string;
}
interface Round {
  readonly id: string;
  readonly year: number;
  readonly period: number;
  readonly status: string;
  readonly start: string;
  readonly end: string;
  readonly updates: Readonly<Record<string, { delivery: string; impediments: Impediment[] } | null>>;
  readonly report: { summary: string; impediments: Impediment[] } | null;
  readonly closedAt: string | null;
  readonly cancelledReason: string | null;
}
interface RegisterEntry extends Impediment {
  readonly id: string;
  readonly status: string;
  readonly raisedAt: string;
  readonly statusNote: string | null;
}

/** The Technical Working Groups: what each works on, who leads it and takes part, since when (and until when). */
export function TwgsPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const twgs = useTwgs(here.network);
  return (
    <section aria-labelledby="twgs-title">
      <h1 id="twgs-title">{t('twgs.title')}</h1>
      <p className="note">{t('twgs.about')}</p>
      {twgs.isPending && <p className="loading">{t('common.loading')}</p>}
      {twgs.data?.length === 0 && <p className="empty">{t('twgs.none')}</p>}
      {twgs.data && twgs.data.length > 0 && (
        <TableWrap label={t('twgs.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('twgs.twg')}</th>
                <th scope="col">{t('twgs.lead')}</th>
                <th scope="col">{t('twgs.members')}</th>
                <th scope="col">{t('twgs.since')}</th>
              </tr>
            </thead>
            <tbody>
              {twgs.data.map((x) => (
                <tr key={x.code}>
                  <td>
                    <Link to={href(here.network, 'twgs', x.code)}>{x.name}</Link>
                    <br />
                    <span className="meta">{x.thematicArea}</span>
                  </td>
                  <td>{x.leadAgency}</td>
                  <td>{x.memberAgencies.join(', ')}</td>
                  <td>
                    {formatDate(x.establishedOn, language, here.timeZone)}
                    {x.abolishedOn && (
                      <>
                        <br />
                        {t('twgs.abolished', { when: formatDate(x.abolishedOn, language, here.timeZone) })}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/**
 * One TWG: its reporting rounds newest first, each member's update (what was delivered, the impediments met) or its
 * absence, the lead's consolidated report, and the impediments of the register that came from it, with their age.
 */
export function TwgPage({ here, language, code }: PageProps & { code: string }) {
  const { t } = useTranslation();
  const n = here.network;
  const twgs = useTwgs(n);
  const rounds = useQuery({
    queryKey: ['rounds', n, code],
    queryFn: async () => (await get<{ items: Round[] }>(`/networks/${n}/twgs/${seg(code)}/rounds`)).items,
    refetchInterval: 15_000,
  });
  const register = useQuery({
    queryKey: ['impediments', n, code],
    queryFn: async () =>
      (await get<{ items: RegisterEntry[] }>(`/networks/${n}/impediments?twg=${encodeURIComponent(code)}`)).items,
    refetchInterval: 15_000,
  });
  const day = useCalendarDay(n);
  const twg = twgs.data?.find((x) => x.code === code);
  if (twgs.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (!twg) return <p role="alert">{t('twgs.notFound', { code })}</p>;
  const when = (iso: string | null) => formatDateTime(iso, language, here.timeZone);
  const now = Date.now();
  return (
    <section aria-labelledby="twg-title" className="task">
      <p className="crumbs">
        <Link to={href(n, 'twgs')}>{t('twgs.title')}</Link>
      </p>
      <h1 id="twg-title">{twg.name}</h1>
      <dl className="facts">
        <dt>{t('twgs.area')}</dt>
        <dd>{twg.thematicArea}</dd>
        <dt>{t('twgs.lead')}</dt>
        <dd>{twg.leadAgency}</dd>
        <dt>{t('twgs.members')}</dt>
        <dd>{twg.memberAgencies.join(', ')}</dd>
        <dt>{t('twgs.since')}</dt>
        <dd>
          {formatDate(twg.establishedOn, language, here.timeZone)}
          {twg.abolishedOn &&
            ` · ${t('twgs.abolished', { when: formatDate(twg.abolishedOn, language, here.timeZone) })}`}
        </dd>
      </dl>
      <section aria-labelledby="twg-rounds" className="card">
        <h2 id="twg-rounds">{t('twgs.rounds')}</h2>
        {rounds.data?.length === 0 && <p className="empty">{t('dashboard.noRound')}</p>}
        {(rounds.data ?? []).map((r) => (
          <article key={r.id} aria-labelledby={`round-${r.id}`} className="round">
            <h3 id={`round-${r.id}`}>
              {t('dashboard.period', { period: r.period, year: r.year })} ·{' '}
              {t(`roundStatus.${r.status}`, { defaultValue: r.status })}
            </h3>
            <p className="meta">
              {when(r.start)} – {when(r.end)}
              {r.cancelledReason && ` · ${r.cancelledReason}`}
            </p>
            <ReportFiles
              label={t('twgs.reportFiles')}
              path={`/networks/${seg(here.network)}/reports/twg/${seg(twg.code)}/${r.year}/${r.period}`}
              language={language}
            />
            <ul className="updates">
              {twg.memberAgencies.map((a) => {
                const u = r.updates[a];
                return (
                  <li key={a}>
                    <strong>{a}</strong>:{' '}
                    {u ? (
                      <>
                        {u.delivery}
                        <Impediments list={u.impediments} />
                      </>
                    ) : (
                      <span className={u === null ? 'late-text' : 'meta'}>
                        {u === null ? t('twgs.missing') : t('twgs.notYet')}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {r.report && (
              <>
                <h4>{t('twgs.report')}</h4>
                <p>{r.report.summary}</p>
                <Impediments list={r.report.impediments} />
              </>
            )}
          </article>
        ))}
      </section>
      <section aria-labelledby="twg-register" className="card">
        <h2 id="twg-register">{t('dashboard.impediments')}</h2>
        {register.data?.length === 0 ? (
          <p className="empty">{t('dashboard.noImpediments')}</p>
        ) : (
          <TableWrap label={t('dashboard.impediments')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('twgs.impediment')}</th>
                  <th scope="col">{t('twgs.severity')}</th>
                  <th scope="col">{t('twgs.target')}</th>
                  <th scope="col">{t('audit.status')}</th>
                  <th scope="col">{t('twgs.age')}</th>
                </tr>
              </thead>
              <tbody>
                {(register.data ?? []).map((i) => (
                  <tr key={i.id}>
                    <td>{i.description}</td>
                    <td className={i.severity === 'high' ? 'late' : undefined}>
                      {t(`enum.${i.severity}`, { defaultValue: i.severity })}
                    </td>
                    <td>{t(`enum.${i.target}`, { defaultValue: i.target })}</td>
                    <td>
                      {t(`enum.${i.status}`, { defaultValue: i.status })}
                      {i.statusNote ? ` · ${i.statusNote}` : ''}
                    </td>
                    <td>{t('dashboard.days', { count: Math.floor((now - Date.parse(i.raisedAt)) / day) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </section>
  );
}

function Impediments({ list }: { list: readonly Impediment[] }) {
  const { t } = useTranslation();
  if (list.length === 0) return null;
  return (
    <ul className="impediments">
      {list.map((i, k) => (
        <li key={k}>
          {i.description}{' '}
          <span className="meta">
            ({t(`enum.${i.severity}`, { defaultValue: i.severity })},{' '}
            {t(`enum.${i.target}`, { defaultValue: i.target })}
            {i.gcmObjectives.length > 0 && `, ${i.gcmObjectives.map((g) => t('form.gcm', { n: g })).join(', ')}`})
          </span>
        </li>
      ))}
    </ul>
  );
}
