/** The English texts of mails and report files: the reference every other language is checked against (test/unit/notifications.test.ts). */
export const en = {
  kind: {
    'contribute-activities': 'Contribute activities to the work plan',
    'consolidate-plan': 'Consolidate the work plan',
    'endorse-plan': 'Endorse the work plan, or object',
    'report-progress': 'Report the progress of an activity',
    'finalise-report': 'Finalise the annual report',
    'concur-or-object': 'Concur with a proposal, or object',
    'submit-twg-update': 'Submit the TWG update',
    'consolidate-twg-report': 'Write the TWG report',
    'propose-agenda-items': 'Propose items for the meeting agenda',
    'record-meeting': 'Record the meeting',
    'correct-minutes': 'Correct the minutes after an objection',
    'action-item': 'Carry out an action item',
  },
  instructions: {
    'contribute-activities':
      "Propose the activities your agency will lead in the Network's work plan this year. For each, give a title, what it does, the lead and partner agencies, at least one GCM objective it serves, the Network objective, a milestone per quarter and its indicators (baseline and target). Send an empty list if your agency has nothing this year. You may send again, replacing your answer, until the deadline.",
    'consolidate-plan':
      "Merge the agencies' contributions into one work plan. Give every activity a short id (A1, A2…) that stays the same in later revisions, keep or adjust what the agencies proposed, and say in the note what changed since the last revision, if any. The members are then asked to endorse it.",
    'endorse-plan':
      'Read the draft work plan and the changes of this revision. Endorse it, or object with a comment that says what must change. Silence until the deadline counts as consent.',
    'report-progress':
      "Report this quarter's progress of the activity your agency leads: on track, delayed, completed or cancelled, with a note on what happened. A delayed activity is put on the next meeting's agenda.",
    'finalise-report':
      'Read the drafted annual report (the work plan, the progress reports, the meetings, the TWG reports and the decisions of the year) and add your summary. Finalising it closes the cycle.',
    'concur-or-object':
      'Read the proposal. Concur, or object with the reason. Silence until the deadline counts as no objection, and the proposal is adopted.',
    'submit-twg-update':
      "Tell the Technical Working Group what your agency delivered in the period and what stands in the way: each impediment with its severity, the GCM objectives it touches and whether the Network should address it or raise it with the Government. Look at last round's impediments: say if they are still there.",
    'consolidate-twg-report':
      "Write the TWG's report of the period from the members' updates: a summary for the Network, and the impediments merged and edited into one list.",
    'propose-agenda-items':
      'Propose the items your agency (or the TWG it leads) wants the Network meeting to discuss, each with a title and perhaps a note. Open impediments, action items and decisions are added to the agenda by themselves. Send an empty list to propose nothing.',
    'record-meeting':
      'Record the meeting as held: who attended for each agency, the minutes, the decisions taken, the action items (an owner agency and a due date each) and what was decided on each open impediment. The minutes then circulate for adoption by silence.',
    'correct-minutes':
      'A member objected to the minutes. Read the objection, correct the minutes and say what changed: the corrected minutes circulate again for adoption.',
    'action-item':
      "Carry out the action the meeting gave your agency, then mark it done with a note on what was done. It stays on every meeting's agenda until then.",
  },
  mail: {
    opened: {
      subject: 'New task for {{agency}}: {{what}}',
      intro: 'The {{network}} has a new task for {{agency}}.',
    },
    changed: {
      subject: 'Task changed for {{agency}}: {{what}}',
      intro: 'A task of {{agency}} in the {{network}} has changed: it is now due {{due}}.',
    },
    reminded: {
      subject: 'Reminder: {{what}}, due {{due}}',
      intro: 'A reminder from the {{network}}: this task of {{agency}} is due soon.',
    },
    escalated: {
      subject: 'Overdue: {{agency}} has not done "{{what}}"',
      intro: 'This task of {{agency}} in the {{network}} is past its due time and still open.',
    },
    task: 'Task: {{what}}',
    about: 'About: {{about}}',
    due: 'Due: {{due}}',
    open: 'Open the task',
    why: 'You receive this as {{part}} in the {{network}}. To receive less, or in a daily digest, use the unsubscribe link of this mail or your notification preferences.',
  },
  meeting: {
    invited: {
      subject: 'Invitation: {{title}}, {{when}}',
      intro:
        'The coordinator of the {{network}} invites you to this meeting. The invitation is attached: add it to your calendar.',
    },
    rescheduled: {
      subject: 'Moved: {{title}}, now {{when}}',
      intro:
        'This meeting of the {{network}} has been moved to {{when}}. The attached invitation replaces the earlier one.',
    },
    cancelled: {
      subject: 'Cancelled: {{title}}',
      intro: 'This meeting of the {{network}} is cancelled: {{reason}}',
    },
    when: 'When: {{when}}',
    agenda: 'Agenda:',
    noAgenda: 'The agenda is not published yet.',
  },
  decision: {
    adopted: {
      subject: 'Adopted: {{title}}',
      intro: 'No member objected by the deadline: the {{network}} has adopted this proposal by silence procedure.',
    },
    objected: {
      subject: 'Objection: {{title}}',
      intro: '{{agency}} objected to this proposal: "{{reason}}". The coordinator may revise it or withdraw it.',
    },
    withdrawn: {
      subject: 'Withdrawn: {{title}}',
      intro: 'The coordinator of the {{network}} withdrew this proposal: "{{reason}}".',
    },
    proposal: 'Proposal: {{title}}',
  },
  report: {
    subject: 'The {{year}} annual report of the {{network}} is final',
    intro:
      'The coordinator has finalised the annual report of {{year}}: the work plan, its progress and the year of meetings and TWGs.',
  },
  calendar: {
    name: '{{network}}: meetings and deadlines',
    agendaCall: 'Agenda call: {{title}}',
    due: '{{agency}}: {{what}} (due)',
    deadline: {
      planningDue: 'Contributions to the {{year}} work plan close',
      consolidationDue: 'The draft {{year}} work plan is due',
      endorsementDue: 'Endorsement of the {{year}} work plan closes',
      reviewDue: 'The {{year}} annual report is due',
    },
  },
  notice: {
    'task-opened': 'new tasks',
    'task-changed': 'changed tasks',
    'task-reminded': 'task reminders',
    'task-escalated': 'overdue tasks',
    'meeting-invited': 'meeting invitations',
    'meeting-rescheduled': 'moved meetings',
    'meeting-cancelled': 'cancelled meetings',
    'decision-adopted': 'adopted decisions',
    'decision-objected': 'objections to decisions',
    'decision-withdrawn': 'withdrawn proposals',
    'report-finalised': 'the final annual report',
  },
  digest: {
    subject: '{{network}}: your daily digest ({{count}})',
    intro: 'What the {{network}} told you since your last digest:',
    why: 'You receive this digest because you chose it for some notifications. Change what you receive: {{link}}',
  },
  unsubscribe: {
    ask: {
      muted: 'Stop receiving {{what}} from mignet?',
      digest:
        'Your own work cannot be muted: {{what}} can come once a day instead, in your daily digest. Send them there?',
    },
    button: { muted: 'Stop them', digest: 'Send them in the daily digest' },
    done: {
      muted: 'Done: you will no longer receive {{what}}.',
      digest: 'Done: {{what}} now come in your daily digest.',
    },
  },
  about: {
    cycle: 'the {{year}} annual cycle',
    twg: 'TWG {{twg}}, period {{period}} of {{year}}',
  },
  part: {
    coordinator: 'the coordinator',
    'focal-point': 'the focal point of {{agency}}',
    alternate: 'the alternate of {{agency}}',
    'twg-lead': 'a TWG lead for {{agency}}',
    auditor: 'an auditor',
    observer: 'an observer',
    substitute: 'the substitute of {{person}} ({{agency}})',
  },
  reportFile: {
    annualTitle: 'Annual report {{year}}',
    networkLine: '{{network}}: the UN Network on Migration in the country',
    draft: 'Draft of {{date}}: the coordinator has not finalised it yet',
    finalised: 'Finalised on {{date}} by {{agency}}',
    period: 'Work plan revision {{revision}}, endorsed on {{date}}',
    noPlan: 'No work plan was endorsed this year',
    summary: "The coordinator's summary",
    facts: 'The year in figures',
    chart: 'Activities per GCM objective',
    uncovered: 'GCM objectives no activity serves: {{list}}',
    page: 'Page {{page}} of {{pages}}',
    late: '{{status}} (late)',
    none: '—',
    fact: {
      activities: 'Activities in the endorsed work plan',
      completed: 'Activities completed',
      delayed: 'Activities delayed at their last report',
      notReported: 'Activities never reported on',
      gcmCovered: 'GCM objectives covered, of 23',
      tasksCompleted: 'Tasks completed',
      tasksLate: 'Tasks completed after their due date',
      tasksMissed: 'Tasks left unanswered',
      revisions: 'Revisions of the work plan',
      meetings: 'Network meetings held',
      impedimentsRaised: 'Impediments raised by the TWGs',
      impedimentsResolved: 'Impediments resolved',
    },
    table: {
      activities: 'Activities and their quarterly progress',
      indicators: 'Indicators: baseline, value reported each quarter, target',
      'gcm-coverage': 'GCM objectives and the activities that serve them',
      'tasks-by-agency': 'Tasks per agency',
      revisions: 'Revisions of the work plan and objections',
      meetings: 'Network meetings',
      'action-items': 'Action items per owner agency',
      'twg-updates': 'TWG updates per agency',
      'government-issues': 'Issues raised with the Government',
    },
    column: {
      id: 'Id',
      title: 'Title',
      lead: 'Lead agency',
      gcm: 'GCM objectives',
      quarter: 'Q{{n}}',
      status: 'Status at the year’s end',
      activity: 'Activity',
      indicator: 'Indicator',
      baseline: 'Baseline',
      target: 'Target',
      objective: 'GCM objective',
      count: 'Activities',
      activityIds: 'Activity ids',
      agency: 'Agency',
      completed: 'Completed',
      late: 'Late',
      missed: 'Missed',
      cancelled: 'Cancelled',
      revision: 'Revision',
      submitted: 'Submitted',
      objections: 'Objections',
      objectors: 'Objecting agencies',
      meeting: 'Meeting',
      scheduled: 'Scheduled',
      held: 'Held',
      adopted: 'Minutes adopted',
      decisions: 'Decisions',
      done: 'Done',
      doneLate: 'Done late',
      open: 'Open',
      overdue: 'Overdue',
      dropped: 'Dropped',
      twg: 'TWG',
      description: 'Issue',
    },
    status: {
      'on-track': 'on track',
      delayed: 'delayed',
      completed: 'completed',
      cancelled: 'cancelled',
      'not-reported': 'not reported',
      missed: 'missed',
      'not-due': 'not due',
      open: 'open',
      'in-progress': 'in progress',
      raised: 'raised',
      resolved: 'resolved',
      SCHEDULED: 'scheduled',
      AGENDA_CALL: 'agenda call',
      AGENDA_PUBLISHED: 'agenda published',
      HELD: 'held',
      MINUTES_REVIEW: 'minutes in review',
      ADOPTED: 'minutes adopted',
      CANCELLED: 'cancelled',
    },
  },
};

/** The shape every language has: the same keys, each a string. */
export type Messages = typeof en;

/** Another language: any key may be missing (it falls back to English, and the translations test lists it). */
export type Translation = {
  readonly [K in keyof Messages]?: {
    readonly [L in keyof Messages[K]]?: Messages[K][L] extends string
      ? string
      : { readonly [M in keyof Messages[K][L]]?: string };
  };
};
