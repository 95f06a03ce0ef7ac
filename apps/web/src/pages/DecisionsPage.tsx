import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
import type { PageProps } from '../App';
import { formatDateTime } from '../format';

interface Decision {
  id: string;
  kind: string;
  status: string;
  round: number;
  proposal: { title: string; text: string; deadline: string } | null;
  objections: { round: number; agency: string; reason: string }[];
  circulatedAt: string | null;
  adoptedAt: string | null;
  withdrawn: { reason: string } | null;
}

/**
 * Decisions by silence procedure, newest first: what was proposed, until when objections are possible, each round's
 * objections with their reasons, and how it ended. Every member reads them.
 */
export function DecisionsPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['decisions', here.network],
    queryFn: async () => (await get<{ items: Decision[] }>(`/networks/${here.network}/decisions`)).items,
    refetchInterval: 15_000,
  });
  const when = (iso: string | null | undefined) => formatDateTime(iso, language, here.timeZone);
  return (
    <section aria-labelledby="decisions-title">
      <h1 id="decisions-title">{t('decisions.title')}</h1>
      <p className="note">{t('decisions.silence')}</p>
      {list.isPending && <p className="loading">{t('common.loading')}</p>}
      {list.data?.length === 0 && <p className="empty">{t('decisions.none')}</p>}
      {(list.data ?? []).map((d) => (
        <article key={d.id} className="card" aria-labelledby={`decision-${d.id}`}>
          <h2 id={`decision-${d.id}`}>{d.proposal?.title ?? d.id}</h2>
          <p className="meta">
            {t(`decisions.kind.${d.kind}`, { defaultValue: d.kind })} ·{' '}
            {t(`decisions.status.${d.status}`, { defaultValue: d.status })} · {t('decisions.round', { n: d.round })}
            {d.status === 'CIRCULATING' && ` · ${t('dashboard.until', { when: when(d.proposal?.deadline) })}`}
            {d.adoptedAt && ` · ${when(d.adoptedAt)}`}
          </p>
          {d.proposal?.text && <p>{d.proposal.text}</p>}
          {d.withdrawn && <p>{t('decisions.withdrawn', { reason: d.withdrawn.reason })}</p>}
          {d.objections.length > 0 && (
            <>
              <h3>{t('context.objections')}</h3>
              <ul className="objections">
                {d.objections.map((o, i) => (
                  <li key={i}>
                    <strong>{o.agency}</strong> ({t('decisions.round', { n: o.round })}): {o.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
