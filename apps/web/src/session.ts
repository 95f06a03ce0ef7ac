import { useQuery } from '@tanstack/react-query';

import { ApiError, get, useCsrfToken } from './api';

/** Who is signed in (GET /session): the networks where they are someone, and the CSRF token of their commands. */
export interface SessionNetwork {
  readonly network: string;
  readonly name: string;
  readonly timeZone: string;
  readonly personId: string;
  readonly person: string;
  readonly role: string;
  readonly agency: string | null;
  readonly language: string;
}

export interface Session {
  readonly email: string;
  readonly method: 'oidc' | 'link';
  readonly expiresAt: string;
  readonly networks: readonly SessionNetwork[];
  readonly csrfToken: string;
}

/** The session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        const s = await get<Session>('/session');
        useCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** What a person's part lets them do in the pages (the API decides; this only hides what would be refused). */
export type ActingRole = 'coordinator' | 'agency' | 'auditor' | 'observer';

export function actingRole(role: string): ActingRole {
  return role === 'coordinator' || role === 'auditor' || role === 'observer' ? role : 'agency';
}
