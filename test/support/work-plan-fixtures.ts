import type { ActivityProposal, PlanActivity } from '../../libs/processes/annual-cycle/work-plan';

/** A realistic activity proposal from `agency`, valid for the Timor-Leste network. */
export function proposal(agency: string, n = 1, overrides: Partial<ActivityProposal> = {}): ActivityProposal {
  return {
    title: `${agency} activity ${n}`,
    description: `Joint work led by ${agency} on safe labour migration (${n})`,
    leadAgency: agency,
    partnerAgencies: ['IOM'],
    gcmObjectives: [6, (n % 23) + 1].filter((v, i, a) => a.indexOf(v) === i),
    networkObjective: 3,
    milestones: ['Scoping', 'Consultations', 'Draft', 'Validation'],
    indicators: [{ name: 'Workers reached', baseline: '0', target: '500' }],
    ...overrides,
  };
}

/** The coordinator's plan: one activity per contributing agency, ids A1, A2 … */
export function planFrom(agencies: readonly string[]): PlanActivity[] {
  return agencies.map((agency, i) => ({ id: `A${i + 1}`, ...proposal(agency, i + 1) }));
}
