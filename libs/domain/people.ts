import type { Role } from './roles';

/**
 * A person's part in a network (issue 13): the coordinator, an agency's focal point or alternate, a TWG's lead on
 * behalf of the TWG, an auditor, or an observer (a Government counterpart: reads, and sends nothing).
 */
export const PERSON_ROLES = ['coordinator', 'focal-point', 'alternate', 'twg-lead', 'auditor', 'observer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The languages the ToR's people work in. */
export const LANGUAGES = ['en', 'tet', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Person roles that act for an agency, which must then be named (a member; the coordinating agency for the coordinator). */
export const AGENCY_PERSON_ROLES: readonly PersonRole[] = ['coordinator', 'focal-point', 'alternate', 'twg-lead'];

/**
 * What a person may do is what the network role their part maps to may: the coordinator's, an agency's (focal point,
 * alternate and TWG lead all act for their agency: tasks are the agency's), an auditor's, an observer's.
 */
export function actingRoleOf(role: PersonRole): Role {
  switch (role) {
    case 'coordinator':
      return 'coordinator';
    case 'auditor':
      return 'auditor';
    case 'observer':
      return 'observer';
    default:
      return 'agency';
  }
}

/** One address per person in a network, whatever its case. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}
