/**
 * Who may do what (DESIGN, "Who uses it"). A coordinator key acts for the Network's coordinating agency; an observer
 * (a Government counterpart) reads what an agency reads and sends no command.
 */
export const ROLES = ['coordinator', 'agency', 'auditor', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a key may be: a network's role, or the platform administrator's, which belongs to no network: it creates and
 * lists networks and reads none of their content (it never acts in a process, so it is no Actor's role).
 */
export type KeyRole = Role | 'administrator';

/** What a key may do within its role: everything, or read only. */
export const KEY_SCOPES = ['read-write', 'read-only'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** The identity that travels with every command: kept in the audit log and in the domain events. */
export interface Actor {
  readonly role: Role;
  /** The acting agency's code; absent only for auditors, who never act. */
  readonly agency?: string;
  /** The API key the command came with (absent in histories recorded before keys were passed on): the audit trail's "which key". */
  readonly keyId?: string;
  /** The person who acted, on behalf of the agency (absent for a service account's key, and in older histories). */
  readonly personId?: string;
  /** Their name as it was then: an audit trail names people as they were called when they acted. */
  readonly person?: string;
  /** The absent person `person` stood in for (their substitute, issue 13), and that person's name then. */
  readonly onBehalfOfId?: string;
  readonly onBehalfOf?: string;
}
