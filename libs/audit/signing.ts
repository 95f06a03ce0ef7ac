import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The audit log's signing key (Ed25519). The API signs each row's hash with it; PostgreSQL never sees it, so whoever
 * controls the database can delete, append or re-hash rows but cannot sign them: `verify` finds the first row whose
 * signature does not hold. The same key signs a year's export (its manifest).
 */
export interface AuditSigner {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): which key signed a row. */
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** `keyId:base64(signature of the UTF-8 bytes of data)`. */
  sign(data: string | Buffer): string;
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signerFromPem(privateKeyPem: string): AuditSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`the audit signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => `${keyId}:${sign(null, Buffer.from(data), privateKey).toString('base64')}`,
  };
}

/** The key in `file` (PKCS#8 PEM); a new one is made there (mode 0600) when the file does not exist. */
export function loadOrCreateSigner(file: string): { signer: AuditSigner; created: boolean } {
  if (existsSync(file)) return { signer: signerFromPem(readFileSync(file, 'utf8')), created: false };
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process starting at the same moment made it first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return { signer: signerFromPem(readFileSync(file, 'utf8')), created: false };
    throw err;
  }
  return { signer: signerFromPem(pem), created: true };
}

/** Public keys an auditor trusts, by key id. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

export function trustedKeys(publicKeyPems: readonly string[]): TrustedKeys {
  return new Map(publicKeyPems.map((pem) => createPublicKey(pem)).map((k) => [keyIdOf(k), k]));
}

/** Whether `signature` (as AuditSigner.sign writes it) is a trusted key's signature of `data`. */
export function verifySignature(
  keys: TrustedKeys,
  data: string | Buffer,
  signature: string | null | undefined,
): boolean {
  if (!signature) return false;
  const at = signature.indexOf(':');
  const key = keys.get(signature.slice(0, at));
  if (!key) return false;
  try {
    return verify(null, Buffer.from(data), key, Buffer.from(signature.slice(at + 1), 'base64'));
  } catch {
    return false;
  }
}
