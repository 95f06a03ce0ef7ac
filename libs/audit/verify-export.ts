import { createHash } from 'node:crypto';

import { ChainVerification, StoredAuditRow, verifyRows } from '../persistence/audit-chain';
import { anchorsInHistory } from './anchors';
import { parseHistoryFile, ParsedHistory } from './history-file';
import { replayHistories, ReplayOutcome, WorkflowBundle } from './replay';
import { TrustedKeys, trustedKeys, verifySignature } from './signing';
import { untarGz } from './tar';

interface Manifest {
  readonly network: string;
  readonly year: number;
  readonly exportedAt: string;
  readonly workflows: readonly { readonly file: string; readonly sha256: string }[];
  readonly anchors?: readonly { readonly file: string; readonly sha256: string }[];
  readonly auditLog?: { readonly file: string; readonly sha256: string };
  readonly publicKey?: { readonly file: string; readonly sha256: string; readonly keyId: string };
}

export interface ExportVerification {
  readonly ok: boolean;
  readonly network: string | null;
  readonly year: number | null;
  /** Which key signed the manifest, and whether that is the key the auditor trusts (or only the archive's own). */
  readonly signature: { readonly valid: boolean; readonly keyId: string | null; readonly pinned: boolean };
  readonly files: { readonly checked: number; readonly problems: readonly string[] };
  readonly chain: ChainVerification | null;
  readonly replay: {
    readonly replayed: number;
    readonly failed: readonly ReplayOutcome[];
    readonly notHistories: readonly string[];
  };
  /** What the auditor should know although it is no failure (an archive's own key, no anchors yet). */
  readonly warnings: readonly string[];
  /** Why it is not ok, one line each. */
  readonly problems: readonly string[];
}

/**
 * Checks an export as an outside auditor can, with no server and no database: the manifest's signature (with the key
 * the network publishes, when given; else with the archive's own, which is said), every file's SHA-256 and that no
 * file was added, the audit log's chain, each row's signature and every head the anchor workflow recorded, and that
 * the code here replays every history.
 */
export async function verifyExport(
  archive: Buffer,
  options: { readonly publicKeyPem?: string; readonly trustArchiveKey?: boolean; readonly bundle: WorkflowBundle },
): Promise<ExportVerification> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const fail = (): ExportVerification => ({
    ok: false,
    network: null,
    year: null,
    signature: { valid: false, keyId: null, pinned: false },
    files: { checked: 0, problems: [] },
    chain: null,
    replay: { replayed: 0, failed: [], notHistories: [] },
    warnings,
    problems,
  });
  let files: Map<string, Buffer>;
  try {
    files = new Map(untarGz(archive).map((f) => [f.name, f.content]));
  } catch (err) {
    problems.push(`not a .tar.gz export: ${(err as Error).message}`);
    return fail();
  }
  const manifestBytes = files.get('manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes?.toString('utf8') ?? '') as Manifest;
    if (!Array.isArray(manifest.workflows) || typeof manifest.network !== 'string') throw new Error('not a manifest');
  } catch {
    problems.push('no readable manifest.json');
    return fail();
  }

  // The signature: with the pinned key when given, else with the archive's own key (a forger could swap both).
  const archiveKey = files.get(manifest.publicKey?.file ?? 'public-key.pem')?.toString('utf8');
  // Without the network's key, a forger's archive signed with the forger's own key would pass: that is a failure,
  // unless the auditor says, knowingly, that the archive's own key is good enough (a first look, not a verdict).
  const keyPem = options.publicKeyPem ?? (options.trustArchiveKey ? archiveKey : undefined);
  let keys: TrustedKeys = new Map();
  try {
    if (keyPem) keys = trustedKeys([keyPem]);
  } catch (err) {
    problems.push(`the public key is not a PEM public key: ${(err as Error).message}`);
  }
  const keyId = [...keys.keys()][0] ?? null;
  const sig = files.get('manifest.sig')?.toString('utf8').trim();
  const valid = manifestBytes !== undefined && keyId !== null && verifySignature(keys, manifestBytes, sig);
  if (!keyPem)
    problems.push(
      "no key to check the signature with: pass the network's public key (--public-key; GET …/audit-log/public-key)",
    );
  else if (!valid && keyId) problems.push(`manifest.sig is not a signature of manifest.json by key ${keyId}`);
  if (!options.publicKeyPem && valid)
    warnings.push(
      `checked with the key in the archive (key id ${keyId}), which a forger could have put there: compare it with the key the network publishes`,
    );

  // Every listed file is as the manifest says, and nothing was slipped in beside them.
  const listed = [
    ...manifest.workflows,
    ...(manifest.anchors ?? []),
    ...(manifest.auditLog ? [manifest.auditLog] : []),
    ...(manifest.publicKey ? [manifest.publicKey] : []),
  ];
  const fileProblems: string[] = [];
  for (const f of listed) {
    const content = files.get(f.file);
    if (!content) fileProblems.push(`${f.file}: listed in the manifest, missing from the archive`);
    else if (createHash('sha256').update(content).digest('hex') !== f.sha256)
      fileProblems.push(`${f.file}: SHA-256 differs from the manifest`);
  }
  const known = new Set([...listed.map((f) => f.file), 'manifest.json', 'manifest.sig']);
  for (const name of files.keys())
    if (!known.has(name)) fileProblems.push(`${name}: in the archive, not in the manifest`);
  problems.push(...fileProblems);

  // Every history, read once: the anchors come from theirs, and all of them are replayed below.
  const parse = (f: { readonly file: string }) => parseHistoryFile(f.file, files.get(f.file)!.toString('utf8'));
  const parsedAnchors = (manifest.anchors ?? []).filter((f) => files.has(f.file)).map(parse);
  const parsed: ParsedHistory[] = [...manifest.workflows.filter((f) => files.has(f.file)).map(parse), ...parsedAnchors];

  // The chain, its signatures, and the heads recorded in Temporal.
  let chain: ChainVerification | null = null;
  const logBytes = manifest.auditLog ? files.get(manifest.auditLog.file) : undefined;
  if (!logBytes) {
    problems.push('no audit log in the archive');
  } else {
    try {
      const anchors = parsedAnchors.flatMap((p) => (p.ok ? anchorsInHistory(p.history) : []));
      if (anchors.length === 0)
        warnings.push('no anchors recorded in Temporal: rows deleted from the end of the log could not be told');
      chain = verifyRows(manifest.network, JSON.parse(logBytes.toString('utf8')) as StoredAuditRow[], {
        keys,
        ...(anchors.length > 0 ? { anchors } : {}),
      });
      if (!chain.intact) problems.push(`audit log broken at seq ${chain.firstBreak!.seq}: ${chain.firstBreak!.reason}`);
    } catch (err) {
      problems.push(`the audit log or an anchor history is not readable: ${(err as Error).message}`);
    }
  }

  // The code here explains every history.
  const good = parsed.filter((p): p is Extract<ParsedHistory, { ok: true }> => p.ok);
  const notHistories = parsed
    .filter((p): p is Extract<ParsedHistory, { ok: false }> => !p.ok)
    .map((p) => `${p.file}: ${p.reason}`);
  const outcomes = good.length > 0 ? await replayHistories(good, options.bundle) : [];
  const failed = outcomes.filter((o) => !o.ok);
  problems.push(...notHistories, ...failed.map((o) => `${o.file}: does not replay (${o.error})`));

  return {
    ok: problems.length === 0,
    network: manifest.network,
    year: manifest.year,
    signature: { valid, keyId, pinned: options.publicKeyPem !== undefined },
    files: { checked: listed.length, problems: fileProblems },
    chain,
    replay: { replayed: outcomes.length, failed, notHistories },
    warnings,
    problems,
  };
}
