import type { Actor } from '../../../libs/domain/roles';

/** Who is calling: resolved from the API key by the guard, and handed to every handler and workflow command. */
export interface Principal extends Actor {
  /** The API key it came with; a signed-in person's session has none. */
  readonly keyId?: string;
  readonly sessionId?: string;
  readonly network: string;
}

/** A platform administrator's key: it belongs to no network, and acts in none. */
export interface Administrator {
  readonly keyId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    administrator?: Administrator;
  }
}

/** The actor a workflow command carries: role, agency, the key used and, for a person's key, the person. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, agency: p.agency, keyId: p.keyId, personId: p.personId, person: p.person };
}

/** Who acts, for a log line: `Maria Soares for ILO agency (key 3f2a…)`; the key's id, never the key. */
export function personOf(p: Principal): string {
  const by = p.keyId ? `key ${p.keyId}` : `session ${p.sessionId}`;
  return `${p.person ? `${p.person} for ` : ''}${p.agency ? `${p.agency} ` : ''}${p.role} (${by})`;
}
