import { useQuery } from '@tanstack/react-query';

import { get } from './api';

/** Reference data many pages read: the member agencies and the TWGs (one query each, shared by key). */
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
