import type { Actor } from '../../../libs/domain/roles';

/** Who is calling: resolved from the API key by the guard, and handed to every handler and workflow command. */
export interface Principal extends Actor {
  readonly keyId: string;
  readonly network: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** The actor a workflow command carries: role, agency and the key used. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, agency: p.agency, keyId: p.keyId };
}
