import type { DataSource } from 'typeorm';

import { DecisionNotice, renderDecisionMail } from '../../libs/notifications/decision-mail';
import type { DecisionState } from '../../libs/processes/decision/decision';
import { listenersOf, networkOf, tellEach, toldBefore } from './process-notices';
import type { NoticeOptions } from './task-notices';

/**
 * What became of a decision, told to the people of the members it was circulated to and the coordinators: adopted by
 * silence, an objection (each round's), withdrawn. Read off the state (`adopted`, `objected:r{round}`, `withdrawn`).
 * Its circulation is told by its tasks (each member's answer is a task, and an opened task is mailed).
 */
export async function enqueueDecisionNotices(
  dataSource: DataSource,
  workflowId: string,
  state: DecisionState,
  options: NoticeOptions,
): Promise<number> {
  const proposal = state.proposal;
  if (!proposal) return 0;
  const objection = state.objections.filter((o) => o.round === state.round)[0];
  const fact: { notice: DecisionNotice; event: string } | undefined =
    state.status === 'ADOPTED'
      ? { notice: 'adopted', event: 'adopted' }
      : state.status === 'WITHDRAWN'
        ? { notice: 'withdrawn', event: 'withdrawn' }
        : state.status === 'OBJECTED' && objection
          ? { notice: 'objected', event: `objected:r${state.round}` }
          : undefined;
  if (!fact) return 0;
  return dataSource.transaction(async (tx) => {
    if ((await toldBefore(tx, workflowId)).includes(fact.event)) return 0;
    const network = await networkOf(tx, state.network);
    if (!network) return 0;
    const link = `${options.linkBase}/networks/${state.network}/decisions/${encodeURIComponent(state.id)}`;
    return tellEach(
      tx,
      { network: state.network, workflowId, kind: `decision-${fact.notice}`, event: fact.event, link },
      await listenersOf(tx, state.network, state.members),
      (p) =>
        renderDecisionMail({
          notice: fact.notice,
          decision: {
            title: proposal.title,
            text: proposal.text,
            agency: objection?.agency,
            reason: fact.notice === 'withdrawn' ? state.withdrawn?.reason : objection?.reason,
          },
          network,
          language: p.language,
          link,
        }),
    );
  });
}
