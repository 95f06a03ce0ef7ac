import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';

import { NETWORK_CODE } from '../../../libs/domain/network';
import { addToLogContext } from '../../../libs/observability/log-context';
import { actingRoleOf, PersonRole } from '../../../libs/domain/people';
import { AgencyEntity, ApiKeyEntity, PersonEntity } from '../../../libs/persistence/entities';
import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { crossSite, csrfMatches, sessionTokenOf } from '../session/session-cookie';
import { SessionsService } from '../session/sessions.service';
import { AppError } from '../common/app-error';
import { AuthFailureLimiter } from '../common/rate-limit.guard';
import { ErrorCode } from '../common/error-code';
import { isCommand } from '../audit/audit.service';
import { bearerKeyHash } from './bearer';
import { personOf, Principal } from './principal';
import { policyOf, RoutePolicy } from './route-policy';

/** The columns the guard reads beside the key: its agency's leaving, and its person. */
interface KeyRow {
  agency_left_at: Date | null;
  person_name: string | null;
  person_role: PersonRole | null;
  person_agency_code: string | null;
  person_active: boolean | null;
}

/**
 * Global guard: 400 for a malformed network code; 401 without a valid key or session; 404 for a network that is not the
 * key's (or where the signed-in person is nobody), whether or not it exists; 403 when the role may not call the route,
 * its agency has left the network, or a session's command lacks its CSRF token. Who may call a route is its row in
 * the policy table (route-policy.ts); a route without one is refused. It puts the caller on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly log = new Logger('auth');

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly authFailures: AuthFailureLimiter,
    private readonly sessions: SessionsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const route = (req.route as { path?: string } | undefined)?.path;
    const policy = policyOf(req.method, route);
    if (!policy) {
      this.log.error(`${req.method} ${route} has no row in the policy table: refused`);
      throw new AppError(ErrorCode.FORBIDDEN, 'This route has no access policy yet, so nobody may call it');
    }
    if (policy.who === 'anyone') return true;
    const who = policy.who;
    const network = req.params.network;
    // Checked before any query: a code is part of workflow ids and SQL parameters.
    if (typeof network === 'string' && !NETWORK_CODE.test(network)) {
      throw AppError.validation([
        {
          field: 'network',
          message: 'must be a network code: a lower-case letter, then 1 to 31 lower-case letters, digits or -',
        },
      ]);
    }

    const address = req.ip ?? 'unknown';
    const blockedFor = this.authFailures.blockedFor(address);
    if (blockedFor !== undefined) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `Too many failed authentications from this address: try again in ${Math.ceil(blockedFor)} s`,
        [],
        blockedFor,
      );
    }
    const unauthenticated = (message: string) => {
      this.authFailures.fail(address);
      return new AppError(ErrorCode.UNAUTHENTICATED, message);
    };
    const keyHash = bearerKeyHash(req);
    if (!keyHash) {
      const session = sessionTokenOf(req, this.config);
      if (session) return this.sessionAccess(req, session, who, unauthenticated);
      throw unauthenticated('Send an API key as "Authorization: Bearer <key>", or sign in (GET /session says how)');
    }
    // The key, in the same query its person (a person's key acts as the person does now), and whether the agency it
    // acts for has left the network.
    const { entities, raw } = await this.keys
      .createQueryBuilder('k')
      .leftJoin(PersonEntity, 'p', 'p.id = k.person_id')
      .leftJoin(
        AgencyEntity,
        'a',
        'a.network_code = k.network_code AND a.code = (CASE WHEN p.id IS NULL THEN k.agency_code ELSE p.agency_code END)',
      )
      .addSelect('a.left_at', 'agency_left_at')
      .addSelect(
        ['p.name', 'p.role', 'p.agency_code', 'p.active'].map((c) => `${c} AS "person_${c.slice(2)}"`).join(', '),
      )
      .where('k.key_hash = :hash', { hash: keyHash })
      .getRawAndEntities<KeyRow>();
    const key = entities[0];
    if (!key) throw unauthenticated('The API key is not valid');
    const row = raw[0];
    // Refused at once, saying why: whoever holds the key learns nothing they did not know, its owner what to ask for.
    if (key.revokedAt) throw unauthenticated(`The API key was revoked on ${key.revokedAt.toISOString()}`);
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now())
      throw unauthenticated(`The API key expired on ${key.expiresAt.toISOString()}`);
    if (key.personId && !row.person_active)
      throw unauthenticated(`The API key is ${row.person_name}'s, who is no longer active in the network`);
    this.touch(key);
    if (key.scope === 'read-only' && isCommand(req))
      throw new AppError(ErrorCode.FORBIDDEN, 'This API key is read-only: it sends no command');
    if (key.role === 'administrator' || !key.networkCode) {
      if (!who.includes('administrator'))
        throw new AppError(
          ErrorCode.FORBIDDEN,
          "A platform administrator's key administers networks and reads none of their content: use a key of the network",
        );
      req.administrator = { keyId: key.id };
      addToLogContext({ person: `platform administrator (key ${key.id})` });
      return true;
    }
    if (platformOnly(who))
      throw new AppError(ErrorCode.FORBIDDEN, "Only a platform administrator's key may administer networks");
    const principal: Principal = key.personId
      ? {
          keyId: key.id,
          network: key.networkCode,
          role: actingRoleOf(row.person_role!),
          agency: row.person_agency_code ?? undefined,
          personId: key.personId,
          person: row.person_name!,
        }
      : { keyId: key.id, network: key.networkCode, role: key.role, agency: key.agencyCode ?? undefined };
    req.principal = principal;
    addToLogContext({ network: key.networkCode, person: personOf(principal) });
    const leftAt = row.agency_left_at;
    if (principal.role === 'agency' && leftAt)
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${principal.agency} left the Network on ${new Date(leftAt).toISOString()}; its keys no longer act for it`,
      );
    // "No such network" and "not your network" are one answer, so a key cannot learn which other codes exist.
    if (typeof network === 'string' && network !== key.networkCode) {
      throw new AppError(
        ErrorCode.NETWORK_NOT_FOUND,
        `Network "${network}" does not exist, or this API key is not one of its keys`,
      );
    }
    return this.authorize(req, principal, who);
  }

  /**
   * A signed-in person: the session's address is, in the route's network, the active person of that address (read on
   * every request). Commands need the session's CSRF token and, when the browser says where it comes from, this origin.
   */
  private async sessionAccess(
    req: Request,
    token: string,
    who: Exclude<RoutePolicy['who'], 'anyone'>,
    unauthenticated: (message: string) => AppError,
  ): Promise<boolean> {
    const session = await this.sessions.active(token).catch((err: unknown) => {
      throw err instanceof AppError ? unauthenticated(err.message) : err;
    });
    if (isCommand(req)) {
      const from = crossSite(req, this.config);
      if (from)
        throw new AppError(ErrorCode.CSRF_FAILED, `A command from ${from} is not taken with this site's session`);
      if (!csrfMatches(token, req.header('x-csrf-token')))
        throw new AppError(
          ErrorCode.CSRF_FAILED,
          'Send the X-CSRF-Token header that GET /session gives with every command',
        );
    }
    if (platformOnly(who))
      throw new AppError(ErrorCode.FORBIDDEN, "Only a platform administrator's key may administer networks");
    const network = req.params.network as string | undefined;
    const person = network !== undefined ? await this.sessions.personIn(session, network) : null;
    if (!person || network === undefined)
      throw new AppError(
        ErrorCode.NETWORK_NOT_FOUND,
        `Network "${network}" does not exist, or ${session.email} is nobody there`,
      );
    if (!person.active) throw unauthenticated(`${person.name} is no longer active in network ${network}`);
    const principal: Principal = {
      sessionId: session.id,
      network,
      role: actingRoleOf(person.role),
      agency: person.agencyCode ?? undefined,
      personId: person.id,
      person: person.name,
    };
    if (principal.agency) {
      const agency = await this.keys.manager
        .getRepository(AgencyEntity)
        .findOneBy({ networkCode: network, code: principal.agency });
      if (principal.role === 'agency' && agency?.leftAt)
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `${principal.agency} left the Network on ${agency.leftAt.toISOString()}; its people no longer act for it`,
        );
    }
    return this.authorize(req, principal, who);
  }

  /** What holds for every caller of a network, with a key or a session: the route's row names their role. */
  private authorize(req: Request, principal: Principal, who: Exclude<RoutePolicy['who'], 'anyone'>): boolean {
    req.principal = principal;
    addToLogContext({ network: principal.network, person: personOf(principal) });
    if (who.includes(principal.role)) return true;
    // The table names no observer on a command: say so in their words.
    if (principal.role === 'observer' && isCommand(req))
      throw new AppError(ErrorCode.FORBIDDEN, 'An observer reads what the Network does and sends no command');
    const roles = who.filter((r) => r !== 'administrator');
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `Role "${principal.role}" may not do this; it needs: ${roles.join(' or ')}`,
    );
  }

  /** When a key was last used, to the minute: one write a minute per key at most, never in the request's way. */
  private touch(key: ApiKeyEntity): void {
    if (key.lastUsedAt && Date.now() - key.lastUsedAt.getTime() < 60_000) return;
    void this.keys
      .query(
        `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [key.id],
      )
      .catch(() => undefined); // PostgreSQL down: the request itself will say so
  }
}

/** A route only the platform administrator calls: networks themselves. */
function platformOnly(who: readonly string[]): boolean {
  return who.length === 1 && who[0] === 'administrator';
}
