import type { DataSource } from 'typeorm';

import { translate } from '../../libs/notifications/messages';
import { escapeHtml } from '../../libs/notifications/task-mail';
import type { CycleProjection } from '../../libs/processes/annual-cycle/projection';
import { listenersOf, networkOf, tellEach, toldBefore } from './process-notices';
import type { NoticeOptions } from './task-notices';

/** The annual report finalised: told once to the people of the year's members and the coordinators (`report-finalised`). */
export async function enqueueReportNotices(
  dataSource: DataSource,
  workflowId: string,
  { state, report }: CycleProjection,
  options: NoticeOptions,
): Promise<number> {
  if (!report?.finalisedAt || !state.snapshot) return 0;
  const members = state.snapshot.members;
  return dataSource.transaction(async (tx) => {
    if ((await toldBefore(tx, workflowId)).includes('report-finalised')) return 0;
    const network = await networkOf(tx, state.network);
    if (!network) return 0;
    const link = `${options.linkBase}/networks/${state.network}/cycles/${state.year}`;
    return tellEach(
      tx,
      { network: state.network, workflowId, kind: 'report-finalised', event: 'report-finalised', link },
      await listenersOf(tx, state.network, members),
      (p) => {
        const values = { year: String(state.year), network: network.name };
        const intro = translate(p.language, 'report.intro', values);
        return {
          subject: translate(p.language, 'report.subject', values),
          text: `${intro}\n\n${link}\n`,
          html: `<!doctype html><html lang="${p.language}"><body style="font-family:sans-serif"><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`,
        };
      },
    );
  });
}
