import { readModel, type ProcessDefinition } from '../process-definition';
import {
  applyMeetingEvent,
  initialMeetingState,
  type MeetingEvent,
  type MeetingState,
  meetingWorkflowId,
} from './meeting';
import { meetingProjection } from './projection';

/** A quarterly meeting: invitations, the agenda call, the meeting, its minutes and action items. */
export const meetingProcess = {
  workflowType: 'meetingWorkflow',
  workflowId: (i) => (i.network && i.id ? meetingWorkflowId(String(i.network), String(i.id)) : undefined),
  audited: true,
  readModel: readModel({
    fold: {
      initial: () => initialMeetingState(),
      apply: (s: MeetingState, e: MeetingEvent) => applyMeetingEvent(s, e),
      status: (s: MeetingState) => s.status,
    },
    projector: 'projectMeeting',
    projection: meetingProjection,
    projects: () => true,
  }),
} as const satisfies ProcessDefinition;
