import { useQuery } from '@tanstack/react-query';

import { get } from './api';

/** Reference data many pages read: the member agencies, the TWGs and the cycles (one query each, shared by key). */
export interface Member {
  readonly code: string;
  readonly name: string;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}
export interface Twg {
  readonly code: string;
  readonly name: string;
  readonly thematicArea: string;
  readonly leadAgency: string;
  readonly memberAgencies: readonly string[];
  readonly establishedOn: string;
  readonly establishedBy: string | null;
  readonly abolishedOn: string | null;
  readonly abolishedBy: string | null;
}

export function useMembers(network: string) {
  return useQuery({
    queryKey: ['members', network],
    queryFn: async () => (await get<{ items: Member[] }>(`/networks/${network}/members`)).items,
    staleTime: 60_000,
  });
}

/** Every TWG, abolished ones too (a page filters): their history stays readable. */
export function useTwgs(network: string) {
  return useQuery({
    queryKey: ['twgs', network],
    queryFn: async () => (await get<{ items: Twg[] }>(`/networks/${network}/twgs?include=abolished`)).items,
    staleTime: 60_000,
  });
}

/** The members still in the Network, as choices of a form. */
export const memberChoices = (members: readonly Member[] | undefined) =>
  (members ?? []).filter((m) => !m.leftAt).map((m) => ({ value: m.code, label: `${m.code} · ${m.name}` }));

export interface Cycle {
  readonly year: number;
  readonly workflowId: string;
  readonly phase: string;
  readonly calendar: {
    readonly year: number;
    readonly start: string;
    readonly end: string;
    readonly deadlines: Record<string, string>;
    readonly quarters: readonly { readonly start: string; readonly end: string }[];
  };
  readonly planRevision: number | null;
  readonly report: object | null;
}

/** The network's cycles, newest year first, and the one a page is about: the open one, else the newest. */
export function useCycles(network: string) {
  const cycles = useQuery({
    queryKey: ['cycles', network],
    queryFn: async () => (await get<{ items: Cycle[] }>(`/networks/${network}/cycles`)).items,
    refetchInterval: 10_000,
  });
  return { cycles, current: cycles.data?.find((c) => c.phase !== 'CLOSED') ?? cycles.data?.[0] };
}

const DAY = 86_400_000;

/**
 * How long a day of the current cycle's calendar lasts: a real day, or a few seconds in a year compressed for a
 * rehearsal, so that ages read in the days of the year being played (the API's agendas count them the same way).
 */
export function useCalendarDay(network: string): number {
  const c = useCycles(network).current?.calendar;
  if (!c) return DAY;
  const days = (c.year % 4 === 0 && c.year % 100 !== 0) || c.year % 400 === 0 ? 366 : 365;
  return (Date.parse(c.end) - Date.parse(c.start)) / days;
}
