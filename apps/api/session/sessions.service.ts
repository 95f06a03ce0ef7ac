import { randomBytes } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';

import type { Config } from '../../../libs/config/config';
import { hashApiKey } from '../../../libs/persistence/seeds/seed';
import { PersonEntity, SessionEntity, SignInLinkEntity } from '../../../libs/persistence/entities';
import { CONFIG } from '../../common/config.token';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

/** What a session is, with the networks its address belongs to (the network switch of the pages). */
export interface SessionView {
  email: string;
  method: 'oidc' | 'link';
  expiresAt: string;
  networks: {
    network: string;
    name: string;
    timeZone: string;
    personId: string;
    person: string;
    role: string;
    agency: string | null;
    language: string;
  }[];
}

/**
 * Sessions and one-time sign-in links. A session is an address a provider vouched for; in each network it acts as the
 * active person of that address there, read on every request (a person made inactive stops at once). Secrets are
 * 256 random bits and only their SHA-256 is stored, as for API keys.
 */
@Injectable()
export class SessionsService {
  private readonly log = new Logger(SessionsService.name);

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly ds: DataSource,
  ) {}

  /** Opens a session for an address; answers the secret the cookie holds. */
  async open(
    email: string,
    method: 'oidc' | 'link',
    from: { issuer?: string; subject?: string; personId?: string } = {},
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = `ms_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + this.config.sessionHours * 3_600_000);
    await this.sessions.insert({
      tokenHash: hashApiKey(token),
      email,
      method,
      issuer: from.issuer ?? null,
      subject: from.subject ?? null,
      personId: from.personId ?? null,
      expiresAt,
    });
    this.log.log(`${email} signed in (${method === 'oidc' ? `OpenID, ${from.issuer}` : 'sign-in link'})`);
    return { token, expiresAt };
  }

  /** The session a cookie holds, or 401 saying why (signed out, expired, unknown). */
  async active(token: string): Promise<SessionEntity> {
    const session = await this.sessions.findOneBy({ tokenHash: hashApiKey(token) });
    const refuse = (why: string) => new AppError(ErrorCode.UNAUTHENTICATED, why);
    if (!session) throw refuse('The session is not valid: sign in again');
    if (session.endedAt) throw refuse(`The session was signed out on ${session.endedAt.toISOString()}: sign in again`);
    if (session.expiresAt.getTime() <= Date.now())
      throw refuse(`The session expired on ${session.expiresAt.toISOString()}: sign in again`);
    return session;
  }

  async end(token: string): Promise<void> {
    await this.sessions.update({ tokenHash: hashApiKey(token) }, { endedAt: () => 'COALESCE(ended_at, now())' });
  }

  /** The person a session acts as in a network: a link's own person there, or the address's; null: nobody. */
  async personIn(session: SessionEntity, network: string): Promise<PersonEntity | null> {
    return this.ds
      .getRepository(PersonEntity)
      .findOneBy(
        session.personId
          ? { id: session.personId, networkCode: network }
          : { networkCode: network, email: session.email },
      );
  }

  /** Whether anyone of any network has this address (and is active): an address nobody knows opens no session. */
  async anyActivePerson(email: string): Promise<boolean> {
    return this.ds.getRepository(PersonEntity).existsBy({ email, active: true });
  }

  async view(session: SessionEntity): Promise<SessionView> {
    const rows = await this.ds.query<
      {
        network: string;
        name: string;
        time_zone: string;
        id: string;
        person: string;
        role: string;
        agency: string | null;
        language: string;
      }[]
    >(
      `SELECT p.network_code AS network, n.name, n.time_zone, p.id, p.name AS person, p.role, p.agency_code AS agency,
              p.language
         FROM people p JOIN networks n ON n.code = p.network_code
        WHERE p.email = $1 AND p.active AND ($2::uuid IS NULL OR p.id = $2) ORDER BY n.name, p.network_code`,
      [session.email, session.personId],
    );
    return {
      email: session.email,
      method: session.method,
      expiresAt: session.expiresAt.toISOString(),
      networks: rows.map((r) => ({
        network: r.network,
        name: r.name,
        timeZone: r.time_zone,
        personId: r.id,
        person: r.person,
        role: r.role,
        agency: r.agency,
        language: r.language,
      })),
    };
  }

  /** A one-time link that signs a person in (shown once: only its hash is kept), valid SIGN_IN_LINK_HOURS. */
  async issueLink(person: PersonEntity, origin: string): Promise<{ link: string; expiresAt: string }> {
    if (!this.config.signInLinks)
      throw new AppError(
        ErrorCode.SIGN_IN_OFF,
        'Sign-in links are off here (SIGN_IN_LINKS=false): people sign in with OpenID Connect',
      );
    if (!person.active)
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${person.name} is no longer active in the network: make them active first`,
      );
    const token = `ml_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + this.config.signInLinkHours * 3_600_000);
    await this.ds
      .getRepository(SignInLinkEntity)
      .insert({ tokenHash: hashApiKey(token), personId: person.id, expiresAt });
    return { link: `${origin}/session/link?token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** Uses a link (once: of two at once, one wins), and opens a session for its person's address. */
  async useLink(token: string): Promise<{ token: string; expiresAt: Date }> {
    if (!this.config.signInLinks) throw new AppError(ErrorCode.SIGN_IN_OFF, 'Sign-in links are off here');
    const hash = hashApiKey(token);
    // An UPDATE's answer through TypeORM is [rows, count].
    const [used] = await this.ds.query<[{ id: string; email: string; active: boolean }[], number]>(
      `UPDATE sign_in_links l SET used_at = now() FROM people p
        WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND p.id = l.person_id
        RETURNING p.id, p.email, p.active`,
      [hash],
    );
    const person = used[0];
    // Bound to this person: the same address in another network is another person, whom this link does not vouch for.
    if (person?.active) return this.open(person.email, 'link', { personId: person.id });
    const link = await this.ds.getRepository(SignInLinkEntity).findOneBy({ tokenHash: hash });
    const why = !link
      ? 'The sign-in link is not valid'
      : person
        ? 'The sign-in link is of a person no longer active in the network'
        : link.usedAt
          ? `The sign-in link was used on ${link.usedAt.toISOString()}: ask for a new one`
          : `The sign-in link expired on ${link.expiresAt.toISOString()}: ask for a new one`;
    throw new AppError(ErrorCode.UNAUTHENTICATED, why);
  }
}
