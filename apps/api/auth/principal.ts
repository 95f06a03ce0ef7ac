import type { Actor } from '../../../libs/domain/roles';

/** Who is calling: resolved from the API key by the guard, and handed to every handler and workflow command. */
export interface Principal extends Actor {
  readonly keyId: string;
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

/** The actor a workflow command carries: role, agency and the key used. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, agency: p.agency, keyId: p.keyId };
}

/** Who acts, for a log line: `ILO agency (key 3f2a…)`; the key's id, never the key. */
export function personOf(p: Principal): string {
  return `${p.agency ? `${p.agency} ` : ''}${p.role} (key ${p.keyId})`;
}
