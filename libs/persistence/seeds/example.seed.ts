import { type NetworkSeed, TIMOR_LESTE } from './timor-leste.seed';

/** A ToR objective with its country taken out: what a network created over the API starts from. */
const generic = (text: string) =>
  text
    .replace(/the Government of Timor-Leste/g, 'the Government')
    .replace(/the GoTL/g, 'the Government')
    .replace(/GoTL/g, 'Government');

/** The ToR's Network and TWG objectives without Timor-Leste's name: a new network's until it edits them. */
export const MODEL_OBJECTIVES = {
  network: TIMOR_LESTE.networkObjectives.map(generic),
  twg: TIMOR_LESTE.twgObjectives.map(generic),
} as const;

/**
 * A second, small network that `npm start` seeds beside Timor-Leste, so that what one network's keys cannot see of
 * another's is visible from the first run. Fictional: three members, no TWGs yet.
 */
export const EXAMPLE_NETWORK: NetworkSeed = {
  code: 'example',
  name: 'Example Migration Network (fictional)',
  country: 'Exampleland',
  timeZone: 'Pacific/Fiji',
  coordinatorAgency: 'IOM',
  joinedAt: '2024-01-15T00:00:00+12:00',
  members: TIMOR_LESTE.members.filter((m) => ['IOM', 'ILO', 'UNICEF'].includes(m.code)), // the same agencies' names
  networkObjectives: MODEL_OBJECTIVES.network,
  twgObjectives: MODEL_OBJECTIVES.twg,
  firstTwgs: [],
};
