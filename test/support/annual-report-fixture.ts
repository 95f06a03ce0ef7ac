import { GCM_OBJECTIVES } from '../../libs/domain/gcm-objectives';
import type { CycleReport } from '../../libs/reports/annual-report-document';

const AGENCIES = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];
const STATUSES = ['on-track', 'delayed', 'completed', 'cancelled'] as const;

/** An annual report of `n` activities, every part filled, for the rendering tests and benchmark. */
export function syntheticAnnualReport(n: number, year = 2030): CycleReport {
  const activities = Array.from({ length: n }, (_, i) => ({
    id: `A${i + 1}`,
    title: `Activity ${i + 1}: labour migration data, fair recruitment and reintegration support, phase ${i % 3}`,
    leadAgency: AGENCIES[i % AGENCIES.length],
    gcmObjectives: [(i % 23) + 1, ((i * 7) % 23) + 1].filter((v, k, a) => a.indexOf(v) === k),
    status: STATUSES[i % 4],
    quarters: [1, 2, 3, 4].map((quarter) => ({
      quarter,
      status: STATUSES[(i + quarter) % 4],
      late: (i + quarter) % 5 === 0,
    })),
    indicators: [
      { name: 'People reached', baseline: '0', target: '500', actuals: ['120', '240', null, '510'] },
      { name: 'Policies drafted', baseline: '1', target: '3', actuals: [null, '2', '2', '3'] },
    ],
  }));
  return {
    network: 'tl',
    year,
    draftedAt: `${year}-12-31T15:00:00.000Z`,
    planRevision: 2,
    endorsedAt: `${year}-02-20T06:00:00.000Z`,
    activities,
    gcmCoverage: GCM_OBJECTIVES.map((o) => ({
      objective: o.number,
      title: o.title,
      activities: activities.filter((a) => a.gcmObjectives.includes(o.number)).map((a) => a.id),
    })),
    uncoveredGcmObjectives: GCM_OBJECTIVES.map((o) => o.number).filter(
      (o) => !activities.some((a) => a.gcmObjectives.includes(o)),
    ),
    revisions: [
      {
        revision: 1,
        submittedAt: `${year}-02-01T06:00:00.000Z`,
        objections: [{ agency: 'UNICEF', comment: 'A3 needs a child-protection indicator' }],
      },
      { revision: 2, submittedAt: `${year}-02-10T06:00:00.000Z`, objections: [] },
    ],
    contributions: AGENCIES.map((agency) => ({ agency, activities: Math.ceil(n / AGENCIES.length) })),
    tasksByAgency: AGENCIES.map((agency, i) => ({
      agency,
      completed: 20 + i,
      late: i % 3,
      missed: i % 2,
      cancelled: 0,
    })),
    lateTasks: [],
    missedTasks: [],
    networkYear: {
      meetings: [1, 2, 3, 4].map((q) => ({
        id: `${year}-Q${q}`,
        kind: 'quarterly',
        title: `Network meeting, Q${q} ${year}`,
        status: 'ADOPTED',
        scheduledAt: `${year}-0${q * 2}-15T01:00:00.000Z`,
        heldAt: `${year}-0${q * 2}-15T01:00:00.000Z`,
        minutesAdoptedAt: `${year}-0${q * 2}-25T01:00:00.000Z`,
        decisions: ['Adopt the agenda', 'Raise the data gap with the Government'],
      })),
      actionItemsByAgency: AGENCIES.map((agency, i) => ({
        agency,
        done: 3,
        doneLate: i % 2,
        open: i % 3,
        overdue: 0,
        dropped: 0,
      })),
      twgUpdatesByAgency: AGENCIES.map((agency, i) => ({ agency, submitted: 6 - (i % 2), missed: i % 2 })),
      twgRounds: [],
      impediments: { raised: 7, resolved: 5, stillOpen: 2 },
      governmentIssues: [
        {
          id: 'imp-1',
          twg: 'labour-migration',
          description: 'No labour migration statistics since 2022',
          status: 'raised',
        },
      ],
    },
    finalisedAt: `${year}+1-01-10T02:00:00.000Z`.replace(`${year}+1`, String(year + 1)),
    finalisedBy: { role: 'coordinator', agency: 'IOM' },
    summary: 'Eleven of twelve activities delivered; labour migration data remains the main gap.',
  };
}
