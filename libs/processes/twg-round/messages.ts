import { defineQuery, defineSignal } from '@temporalio/workflow';

import type { TwgRoundState } from './twg-round';

export const twgRoundStateQuery = defineQuery<TwgRoundState>('twgRoundState');

/** Sent by the decision that abolished the round's TWG: its open tasks close with the reason, and it raises nothing. */
export const cancelRoundSignal = defineSignal<[{ reason: string }]>('cancelRound');
