import type { OpenAPIObject } from '@nestjs/swagger';

import type { Role } from '../../../libs/domain/roles';

/** Who may call a route: a network's roles, and the platform administrator (whose key belongs to no network). */
export type Caller = Role | 'administrator';

export interface RoutePolicy {
  /** `anyone`: no key or session needed (the service may read a session itself); else the callers allowed. */
  readonly who: 'anyone' | readonly Caller[];
  /**
   * What the service checks on the row the route names, beyond the caller's role: `assignee`, an agency reads and acts
   * on its own tasks only (and those of an absent person it stands in for); `self`, a person sets and ends their own
   * absences, issues and revokes their own calendar feed and sets what they are told, only (the coordinator anyone's).
   */
  readonly owns?: 'assignee' | 'self';
}

const ANYONE = { who: 'anyone' } as const;
/** Every role of the network: what reads its work. */
const NETWORK_ROLES: readonly Caller[] = ['coordinator', 'agency', 'auditor', 'observer'];
const NETWORK: RoutePolicy = { who: NETWORK_ROLES };
const COORDINATOR: RoutePolicy = { who: ['coordinator'] };
/** What an auditor reads (the coordinator too): histories, the audit log, incidents, replays. */
const AUDIT: RoutePolicy = { who: ['auditor', 'coordinator'] };
const PLATFORM: RoutePolicy = { who: ['administrator'] };
/** A network's administration: its coordinator, and the platform administrator (who adds a new network's first people). */
const ADMINISTRATION: RoutePolicy = { who: ['coordinator', 'administrator'] };

/**
 * Who may call each route the API registers, by method and Express path: the one table the guard reads (a route with
 * no row is refused, and the API does not start while a documented one has none) and the route-policy test walks.
 * Beyond it, for every caller: a key acts in its own network only (another's is 404), a read-only key or an observer
 * sends no command (no command row names `observer`), and a session's command carries its CSRF token.
 */
export const ROUTE_POLICY: Readonly<Record<string, RoutePolicy>> = {
  'GET /health': ANYONE,
  'GET /health/live': ANYONE,
  'GET /health/ready': ANYONE,
  'GET /metrics': ANYONE,
  'GET /session': ANYONE,
  'GET /session/methods': ANYONE,
  'POST /session/sign-out': ANYONE,
  'GET /session/oidc': ANYONE,
  'GET /session/oidc/callback': ANYONE,
  'GET /session/link': ANYONE,
  'POST /session/link': ANYONE,

  'GET /networks': PLATFORM,
  'POST /networks': PLATFORM,
  'GET /networks/:network': PLATFORM,
  'PATCH /networks/:network': PLATFORM,
  'GET /networks/:network/keys': ADMINISTRATION,
  'POST /networks/:network/keys': ADMINISTRATION,
  'POST /networks/:network/keys/:id/rotate': ADMINISTRATION,
  'POST /networks/:network/keys/:id/revoke': ADMINISTRATION,
  'GET /networks/:network/people': { who: [...NETWORK_ROLES, 'administrator'] },
  'GET /networks/:network/people/:id': { who: [...NETWORK_ROLES, 'administrator'] },
  'POST /networks/:network/people': ADMINISTRATION,
  'PATCH /networks/:network/people/:id': ADMINISTRATION,
  'POST /networks/:network/people/:id/sign-in-link': ADMINISTRATION,
  'GET /networks/:network/absences': NETWORK,
  'POST /networks/:network/absences': { who: ['coordinator', 'agency'], owns: 'self' },
  'POST /networks/:network/absences/:id/end': { who: ['coordinator', 'agency'], owns: 'self' },
  'GET /networks/:network/members': NETWORK,
  'POST /networks/:network/members': COORDINATOR,
  'POST /networks/:network/members/:agency/leave': COORDINATOR,

  'GET /networks/:network/task-kinds': NETWORK,
  'GET /networks/:network/tasks': { who: NETWORK_ROLES, owns: 'assignee' },
  'GET /networks/:network/tasks/:id': { who: NETWORK_ROLES, owns: 'assignee' },
  'POST /networks/:network/tasks/:id/complete': { who: ['coordinator', 'agency'], owns: 'assignee' },
  'POST /networks/:network/tasks/:id/extend': COORDINATOR,
  'POST /networks/:network/tasks/:id/reassign': COORDINATOR,

  'GET /networks/:network/cycles': NETWORK,
  'POST /networks/:network/cycles': COORDINATOR,
  'GET /networks/:network/cycles/:year': NETWORK,
  'GET /networks/:network/cycles/:year/plan': NETWORK,
  'POST /networks/:network/cycles/:year/deadlines/:deadline/extend': COORDINATOR,
  'GET /networks/:network/partners': NETWORK,
  'POST /networks/:network/partners': COORDINATOR,
  'GET /networks/:network/engagements': NETWORK,
  'POST /networks/:network/engagements': { who: ['coordinator', 'agency'] },
  'GET /networks/:network/reports/annual/:year': NETWORK,
  'GET /networks/:network/reports/un-info/:year': NETWORK,
  'GET /networks/:network/reports/twg/:twg/:year/:period': NETWORK,
  'GET /networks/:network/reports/quarterly/:year/:quarter': NETWORK,
  'GET /networks/:network/schedules/annual-cycle': AUDIT,
  'PUT /networks/:network/schedules/annual-cycle': COORDINATOR,
  'GET /networks/:network/decisions': NETWORK,
  'POST /networks/:network/decisions': COORDINATOR,
  'GET /networks/:network/decisions/:id': NETWORK,
  'POST /networks/:network/decisions/:id/revise': COORDINATOR,
  'POST /networks/:network/decisions/:id/withdraw': COORDINATOR,
  'GET /networks/:network/meetings': NETWORK,
  'POST /networks/:network/meetings': COORDINATOR,
  'GET /networks/:network/meetings/:id': NETWORK,
  'POST /networks/:network/meetings/:id/reschedule': COORDINATOR,
  'POST /networks/:network/meetings/:id/cancel': COORDINATOR,
  'GET /networks/:network/action-items': NETWORK,
  'POST /networks/:network/action-items/:id/drop': COORDINATOR,
  'GET /networks/:network/twgs': NETWORK,
  'GET /networks/:network/twgs/:twg/rounds': NETWORK,
  'POST /networks/:network/twgs/:twg/rounds': COORDINATOR,
  'GET /networks/:network/impediments': NETWORK,

  'GET /networks/:network/histories': AUDIT,
  'GET /networks/:network/histories/export': AUDIT,
  'GET /networks/:network/histories/:workflowId': AUDIT,
  'GET /networks/:network/histories/:workflowId/timeline': AUDIT,
  'GET /networks/:network/histories/:workflowId/state': AUDIT,
  'GET /networks/:network/audit-log': AUDIT,
  'GET /networks/:network/audit-log/verify': AUDIT,
  'GET /networks/:network/audit-log/reconcile': AUDIT,
  // An auditor reads and never writes, not even a settlement.
  'POST /networks/:network/audit-log/reconcile/settle': COORDINATOR,
  'GET /networks/:network/audit-log/public-key': NETWORK,
  'GET /networks/:network/incidents': AUDIT,
  // What was sent to whom (addresses, texts): the coordinator's and the auditors'; a retry is the coordinator's.
  'GET /networks/:network/notifications': AUDIT,
  'GET /networks/:network/notifications/:id': AUDIT,
  'POST /networks/:network/notifications/:id/retry': COORDINATOR,
  // Where a network's notifications also go (chat channels): the coordinator's; auditors read which there are.
  'POST /networks/:network/webhooks': COORDINATOR,
  'GET /networks/:network/webhooks': AUDIT,
  'POST /networks/:network/webhooks/:id/revoke': COORDINATOR,
  'POST /networks/:network/webhooks/:id/test': COORDINATOR,
  // A calendar program sends the feed's own token (checked by the service), never a key or a session.
  'GET /networks/:network/calendar.ics': ANYONE,
  // Their own feed; an auditor's or an observer's the coordinator issues (neither sends a command).
  'POST /networks/:network/people/:id/calendar-feed': { who: ['coordinator', 'agency'], owns: 'self' },
  'POST /networks/:network/people/:id/calendar-feed/revoke': { who: ['coordinator', 'agency'], owns: 'self' },
  'GET /networks/:network/people/:id/notification-preferences': { who: ['coordinator', 'agency'], owns: 'self' },
  'PATCH /networks/:network/people/:id/notification-preferences': { who: ['coordinator', 'agency'], owns: 'self' },
  // A mail's unsubscribe link carries its own token (checked by the service): a mail client's one click has no key.
  'GET /networks/:network/unsubscribe': ANYONE,
  'POST /networks/:network/unsubscribe': ANYONE,
  // A replay changes nothing of the network's: an auditor starts one.
  'POST /networks/:network/audits/replays': AUDIT,
  'GET /networks/:network/audits/replays/:id': AUDIT,
};

/** The row of a route, by its method (HEAD is GET's) and Express path; undefined for a route with no row. */
export function policyOf(method: string, path: string | undefined): RoutePolicy | undefined {
  return path === undefined ? undefined : ROUTE_POLICY[`${method === 'HEAD' ? 'GET' : method} ${path}`];
}

/** An OpenAPI path (`/networks/{network}`) as Express writes it (`/networks/:network`). */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Writes each operation's callers into the OpenAPI document (`x-callers`, and the description's first line), so the
 * docs say what the guard does; throws for a documented route with no row, so such an API never starts.
 */
export function documentCallers(document: OpenAPIObject): OpenAPIObject {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { description?: string }][]) {
      const policy = policyOf(method.toUpperCase(), expressPath(path));
      if (!policy) {
        missing.push(`${method.toUpperCase()} ${expressPath(path)}`);
        continue;
      }
      const who = policy.who === 'anyone' ? 'anyone' : policy.who.join(', ');
      Object.assign(operation, {
        'x-callers': policy.who,
        ...(policy.owns ? { 'x-ownership': policy.owns } : {}),
        description: [`Who: ${who}${policy.owns ? ` (${policy.owns} only)` : ''}.`, operation.description]
          .filter(Boolean)
          .join('\n\n'),
      });
    }
  }
  if (missing.length > 0)
    throw new Error(
      `These routes have no row in the policy table (apps/api/auth/route-policy.ts): ${missing.join(', ')}`,
    );
  return document;
}
