import { defineQuery, defineUpdate } from '@temporalio/workflow';

import type { MeetingState } from './meeting';
import type { Actor } from '../../domain/roles';
import type { Task } from '../../domain/tasks';

export const meetingStateQuery = defineQuery<MeetingState>('meetingState');

/** The coordinator moves a meeting not yet held to another time, with a reason. */
export const rescheduleMeetingUpdate = defineUpdate<MeetingState, [{ by: Actor; scheduledAt: string; reason: string }]>(
  'rescheduleMeeting',
);

/** The coordinator cancels a meeting not yet held, with a reason; its open tasks close with it. */
export const cancelMeetingUpdate = defineUpdate<MeetingState, [{ by: Actor; reason: string }]>('cancelMeeting');

/** The coordinator drops an open action item, with a reason: it is no longer carried to agendas. */
export const dropActionItemUpdate = defineUpdate<Task, [{ by: Actor; taskId: string; reason: string }]>(
  'dropActionItem',
);
