import { useTranslation } from 'react-i18next';

import type { PageProps } from '../App';
import { formatDateTime } from '../format';
import { TableWrap } from './TableWrap';

/**
 * What a task's person needs to decide, as the API gives it (README, "Tasks that explain themselves"): activities as
 * tables, changes since the last revision, a proposal's text, an agenda, impediments, updates; anything else as a list.
 */
type Row = Record<string, unknown>;

/** Parts of a context the form uses (the objectives' pickers), not shown here. */
const FOR_THE_FORM = new Set(['gcmObjectives', 'networkObjectives', 'year']);

export function ContextView(props: { kind: string; context: Row } & PageProps) {
  const { t } = useTranslation();
  const entries = Object.entries(props.context).filter(([k, v]) => !FOR_THE_FORM.has(k) && v !== null);
  if (entries.length === 0) return null;
  const result = props.kind.endsWith(':result');
  return (
    <section aria-labelledby={result ? undefined : 'context-title'} className="context">
      {!result && <h2 id="context-title">{t('context.title')}</h2>}
      {entries.map(([k, v]) => (
        <Part key={k} name={k} value={v} {...props} />
      ))}
    </section>
  );
}

function Part({ name, value, here, language }: { name: string; value: unknown } & PageProps) {
  const { t } = useTranslation();
  const title = t(`context.${name}`, { defaultValue: t(`field.${name}`, { defaultValue: name }) });
  const when = (iso: unknown) => formatDateTime(typeof iso === 'string' ? iso : null, language, here.timeZone);
  switch (name) {
    case 'activities':
      return (
        <>
          <h3>{title}</h3>
          <Activities rows={value as Row[]} />
        </>
      );
    case 'contributions':
      return (
        <>
          <h3>{title}</h3>
          {(value as Row[]).map((c) => (
            <div key={String(c.agency)} className="contribution">
              <h4>
                {String(c.agency)} · {t(`status.${String(c.status)}`)}
                {c.at ? ` · ${when(c.at)}` : ''}
              </h4>
              {(c.activities as Row[]).length > 0 ? (
                <Activities rows={c.activities as Row[]} />
              ) : (
                <p className="empty">{t('context.noActivities')}</p>
              )}
            </div>
          ))}
        </>
      );
    case 'draft':
    case 'previousRevision': {
      const r = value as Row;
      return (
        <>
          <h3>
            {title} · {t('context.revision', { n: r.revision })}
          </h3>
          {typeof r.note === 'string' && <p>{r.note}</p>}
          <Activities rows={r.activities as Row[]} />
          <Objections rows={(r.objections as Row[]) ?? []} />
        </>
      );
    }
    case 'changes': {
      const c = value as { since: number; added: string[]; removed: string[]; changed: string[]; objections: Row[] };
      return (
        <>
          <h3>{t('context.changesSince', { n: c.since })}</h3>
          {c.added.length + c.removed.length + c.changed.length === 0 ? (
            <p>{t('context.noChange')}</p>
          ) : (
            <ul className="changes">
              {c.added.length > 0 && <li>{t('context.added', { list: c.added.join(', ') })}</li>}
              {c.removed.length > 0 && <li>{t('context.removed', { list: c.removed.join(', ') })}</li>}
              {c.changed.length > 0 && <li>{t('context.changed', { list: c.changed.join(', ') })}</li>}
            </ul>
          )}
          <Objections rows={c.objections} />
        </>
      );
    }
    case 'objections':
      return <Objections rows={value as Row[]} />;
    case 'agenda':
      return (
        <>
          <h3>{title}</h3>
          <ol className="agenda">
            {(value as Row[]).map((i) => (
              <li key={String(i.id)}>
                {String(i.title)}{' '}
                <span className="meta">
                  ({t(`source.${String(i.source)}`, { defaultValue: String(i.source) })}
                  {i.by ? `, ${String(i.by)}` : ''})
                </span>
              </li>
            ))}
          </ol>
        </>
      );
    case 'openImpediments':
      return (
        <>
          <h3>{title}</h3>
          {(value as Row[]).length === 0 ? (
            <p className="empty">{t('context.none')}</p>
          ) : (
            <ul>
              {(value as Row[]).map((i) => (
                <li key={String(i.id)}>
                  {String(i.description)}{' '}
                  <span className="meta">({t(`enum.${String(i.status)}`, { defaultValue: String(i.status) })})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      );
    case 'updates':
      return (
        <>
          <h3>{title}</h3>
          <ul>
            {Object.entries(value as Record<string, Row | null>).map(([agency, u]) => (
              <li key={agency}>
                <strong>{agency}</strong>: {u ? String(u.delivery) : t('context.missing')}
              </li>
            ))}
          </ul>
        </>
      );
    default:
      return (
        <>
          <h3>{title}</h3>
          <Generic value={value} depth={0} parent={name} />
        </>
      );
  }
}

function Activities({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={t('field.activities')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.id')}</th>
            <th scope="col">{t('field.title')}</th>
            <th scope="col">{t('field.leadAgency')}</th>
            <th scope="col">{t('field.gcmObjectives')}</th>
            <th scope="col">{t('field.networkObjective')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a, i) => (
            <tr key={String(a.id ?? i)}>
              <td>{String(a.id ?? '—')}</td>
              <td>{String(a.title)}</td>
              <td>{String(a.leadAgency)}</td>
              <td>{((a.gcmObjectives as number[]) ?? []).join(', ')}</td>
              <td>{String(a.networkObjective ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Objections({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <>
      <h4>{t('context.objections')}</h4>
      <ul className="objections">
        {rows.map((o, i) => (
          <li key={i}>
            <strong>{String(o.agency)}</strong>: {String(o.comment ?? o.reason ?? '')}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A value as written, its fields named as the form names them (an indicator's `name` is "Indicator"). */
function Generic({ value, depth, parent }: { value: unknown; depth: number; parent: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <>—</>;
  // A choice (`endorse`, `on-track`) in the reader's words; anything else as written.
  if (typeof value !== 'object') return <>{t(`enum.${String(value)}`, { defaultValue: String(value) })}</>;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return <>{value.join(', ') || '—'}</>;
    return (
      <ul>
        {value.map((v, i) => (
          <li key={i}>
            <Generic value={v} depth={depth + 1} parent={parent} />
          </li>
        ))}
      </ul>
    );
  }
  if (depth > 3) return <>…</>;
  return (
    <dl className="generic">
      {Object.entries(value as Row).map(([k, v]) => (
        <div key={k}>
          <dt>{t(`fieldIn.${parent}.${k}`, { defaultValue: t(`field.${k}`, { defaultValue: k }) })}</dt>
          <dd>
            <Generic value={v} depth={depth + 1} parent={k} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
