import type { Request } from 'express';

import { hashApiKey } from '../../../libs/persistence/seeds/seed';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const hashes = new WeakMap<Request, string | null>();

/**
 * The hash of the API key a request carries (`Authorization: Bearer <key>`), as keys are stored, or null: worked out
 * once per request, for the rate limiter (which counts a key's requests without keeping the key) and the key guard.
 */
export function bearerKeyHash(req: Request): string | null {
  let hash = hashes.get(req);
  if (hash === undefined) {
    const token = BEARER.exec(req.header('authorization') ?? '')?.[1];
    hash = token ? hashApiKey(token) : null;
    hashes.set(req, hash);
  }
  return hash;
}
