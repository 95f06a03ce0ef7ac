import { useTranslation } from 'react-i18next';

import type { PageProps } from '../App';
import { TableWrap } from '../components/TableWrap';
import { formatDate } from '../format';
import { useMembers, useTwgs } from '../network-data';
import { href, Link } from '../router';

/**
 * The member agencies of the Network: since when (and until when) each takes part, and the TWGs it leads or works
 * in. A member that left stays listed: its name is on the history it made.
 */
export function MembersPage({ here, language }: PageProps) {
  const { t } = useTranslation();
  const members = useMembers(here.network);
  const twgs = useTwgs(here.network);
  const active = (twgs.data ?? []).filter((x) => !x.abolishedOn);
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title', { network: here.name })}</h1>
      {members.isPending && <p className="loading">{t('common.loading')}</p>}
      {members.data && (
        <TableWrap label={t('members.title', { network: here.name })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('members.agency')}</th>
                <th scope="col">{t('members.joined')}</th>
                <th scope="col">{t('twgs.title')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const own = active.filter((x) => x.memberAgencies.includes(m.code) || x.leadAgency === m.code);
                return (
                  <tr key={m.code} className={m.leftAt ? 'left' : undefined}>
                    <th scope="row">
                      {m.code}
                      <br />
                      <span className="meta">{m.name}</span>
                    </th>
                    <td>
                      {formatDate(m.joinedAt, language, here.timeZone)}
                      {m.leftAt && (
                        <>
                          <br />
                          {t('members.left', { when: formatDate(m.leftAt, language, here.timeZone) })}
                        </>
                      )}
                    </td>
                    <td>
                      {own.length === 0
                        ? '—'
                        : own.map((x, i) => (
                            <span key={x.code}>
                              {i > 0 && ', '}
                              <Link to={href(here.network, 'twgs', x.code)}>{x.name}</Link>
                              {x.leadAgency === m.code && ` (${t('members.leads')})`}
                            </span>
                          ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
