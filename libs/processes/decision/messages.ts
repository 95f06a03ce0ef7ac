import { defineQuery, defineUpdate } from '@temporalio/workflow';

import type { DecisionProposal, DecisionState } from './decision';
import type { Actor } from '../../domain/roles';

export const decisionStateQuery = defineQuery<DecisionState>('decisionState');

/** The coordinator circulates an objected proposal again: a new round; earlier objections are kept. */
export const reviseDecisionUpdate = defineUpdate<DecisionState, [{ by: Actor; proposal: DecisionProposal }]>(
  'reviseDecision',
);

/** The coordinator withdraws a proposal that is circulating or was objected to. */
export const withdrawDecisionUpdate = defineUpdate<DecisionState, [{ by: Actor; reason: string }]>('withdrawDecision');
