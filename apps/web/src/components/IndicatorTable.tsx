import { useTranslation } from 'react-i18next';

import { TableWrap } from './TableWrap';

export interface MeasuredActivity {
  id: string;
  title: string;
  indicators: { name: string; baseline: string; target: string }[];
  progress?: { quarter: number; indicators?: { name: string; value: string }[] }[];
}

/** Baseline → the value reported each quarter → target, per indicator of every activity of the plan. */
export function IndicatorTable({ activities }: { activities: MeasuredActivity[] }) {
  const { t } = useTranslation();
  const rows = activities.flatMap((a) =>
    a.indicators.map((i) => ({
      key: `${a.id}:${i.name}`,
      activity: a,
      indicator: i,
      // The last report of each quarter that gave this indicator a value.
      actuals: [1, 2, 3, 4].map(
        (q) =>
          [...(a.progress ?? [])]
            .reverse()
            .find((r) => r.quarter === q)
            ?.indicators?.find((v) => v.name === i.name)?.value,
      ),
    })),
  );
  if (rows.length === 0) return <p className="empty">{t('dashboard.noIndicators')}</p>;
  return (
    <TableWrap label={t('dashboard.indicators')}>
      <table>
        <caption>{t('dashboard.indicators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.activity')}</th>
            <th scope="col">{t('dashboard.indicator')}</th>
            <th scope="col">{t('dashboard.baseline')}</th>
            {[1, 2, 3, 4].map((q) => (
              <th scope="col" key={q}>
                {t('dashboard.quarterShort', { n: q })}
              </th>
            ))}
            <th scope="col">{t('dashboard.target')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>
                {r.activity.id} {r.activity.title}
              </td>
              <th scope="row">{r.indicator.name}</th>
              <td>{r.indicator.baseline}</td>
              {r.actuals.map((v, q) => (
                <td key={q}>{v ?? '—'}</td>
              ))}
              <td>{r.indicator.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
