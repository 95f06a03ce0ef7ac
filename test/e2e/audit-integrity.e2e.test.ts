import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { tarGz, untarGz } from '../../libs/audit/tar';
import { AuditRecord, auditHash, auditRecordFromRow, ChainVerification } from '../../libs/persistence/audit-chain';
import { mignet } from '../support/cli';
import { recordHistory } from '../support/record-history';
import { testEnv } from '../support/test-env';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/** The fields a row's hash covers. */
const recordOf = ({
  hash: _hash,
  signature: _signature,
  ...record
}: ReturnType<typeof auditRecordFromRow>): AuditRecord => record;

/**
 * A chain the database owner cannot rewrite unseen: the API and the worker hold a role that may only INSERT and
 * SELECT the log; each row is signed with a key PostgreSQL never sees; the chain's head is recorded in Temporal
 * (`audit-anchor:tl`). Every kind of tampering the owner can do is caught, and a year's export is checked offline.
 */
describe('audit log integrity (end to end)', () => {
  const { stack, call } = useTestStack({ config: { auditAnchorEveryMs: 200 } });
  let dir: string;
  const ROWS = 5;
  const verify = async () =>
    (await call<ChainVerification>('GET', '/networks/tl/audit-log/verify', stack.key('auditor'))).body;
  /** As the tables' owner, who can switch the triggers off: runs `sql` with them off. */
  const asOwner = async (...statements: [string, unknown[]][]) => {
    const ds = await stack.db.dataSource();
    await ds.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      for (const [sql, params] of statements) await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  };
  const rows = async () =>
    (
      (await (
        await stack.db.dataSource()
      ).query(`SELECT * FROM audit_log WHERE network_code = 'tl' ORDER BY seq`)) as Record<string, unknown>[]
    ).map(auditRecordFromRow);
  const restore = async (saved: Awaited<ReturnType<typeof rows>>) =>
    asOwner(
      ["DELETE FROM audit_log WHERE network_code = 'tl'", []],
      ...saved.map((r): [string, unknown[]] => [
        `INSERT INTO audit_log (network_code, seq, at, request_id, actor_role, actor_agency, key_id, command, target, payload, outcome, status, error_code, prev_hash, hash, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          r.networkCode,
          r.seq,
          r.at,
          r.requestId,
          r.actorRole,
          r.actorAgency,
          r.keyId,
          r.command,
          r.target,
          JSON.stringify(r.payload),
          r.outcome,
          r.status,
          r.errorCode,
          r.prevHash,
          r.hash,
          r.signature,
        ],
      ]),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mignet-integrity-'));
    for (let i = 0; i < ROWS; i++)
      expect((await call('POST', '/networks/tl/cycles', stack.key('coordinator'), { year: 'not a year' })).status).toBe(
        400,
      );
    // The anchor workflow records the head of the five rows.
    await waitFor(
      async () => ((await verify()).anchors?.latest?.seq === ROWS ? true : undefined),
      'an anchor of the head',
      30_000,
    );
    // No reading while the tests below tamper and restore (it would record a tampered head); the history stays.
    await stack.client.workflow.getHandle('audit-anchor:tl').terminate('the anchors this test needs are recorded');
    recordHistory('audit-anchor:tl', 'integrity-test'); // with MIGNET_RECORD_HISTORIES: the replay fixture of this process
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies intact: every row signed, the head recorded in Temporal', async () => {
    expect(await verify()).toMatchObject({
      intact: true,
      rows: ROWS,
      signatures: { signed: ROWS, unsigned: 0 },
      anchors: { latest: { seq: ROWS } },
    });
  });

  it('gives the API and the worker a role that can neither change, delete nor unprotect the log', async () => {
    const app = new Client({ connectionString: stack.config.databaseUrl });
    await app.connect();
    try {
      const refused = async (sql: string) =>
        await app.query(sql).then(
          () => 'allowed',
          (e: Error) => e.message,
        );
      expect(await refused('ALTER TABLE audit_log DISABLE TRIGGER USER')).toMatch(/must be owner/);
      expect(await refused(`DELETE FROM audit_log WHERE network_code = 'tl'`)).toMatch(/permission denied/);
      expect(await refused(`UPDATE audit_log SET outcome = 'accepted'`)).toMatch(/permission denied/);
      expect(await refused('TRUNCATE audit_log')).toMatch(/permission denied/);
      expect(await refused('DROP TABLE audit_log')).toMatch(/must be owner/);
      expect(await refused('SELECT count(*) FROM audit_log')).toBe('allowed');
    } finally {
      await app.end();
    }
  });

  it('finds a row appended with a correct hash but no signature (a forgery by whoever can INSERT)', async () => {
    const saved = await rows();
    const last = saved.at(-1)!;
    const forged = {
      ...last,
      seq: ROWS + 1,
      requestId: 'forged',
      outcome: 'accepted' as const,
      status: 200,
      errorCode: null,
      prevHash: last.hash,
      at: new Date().toISOString(),
    };
    const record = recordOf(forged);
    const app = new Client({ connectionString: stack.config.databaseUrl });
    await app.connect();
    await app.query(
      `INSERT INTO audit_log (network_code, seq, at, request_id, actor_role, actor_agency, key_id, command, target, payload, outcome, status, error_code, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        forged.networkCode,
        forged.seq,
        forged.at,
        forged.requestId,
        forged.actorRole,
        forged.actorAgency,
        forged.keyId,
        forged.command,
        forged.target,
        JSON.stringify(forged.payload),
        forged.outcome,
        forged.status,
        forged.errorCode,
        forged.prevHash,
        auditHash(record),
      ],
    );
    await app.end();
    expect((await verify()).firstBreak).toMatchObject({ seq: ROWS + 1, reason: 'unsigned row after signing began' });
    await restore(saved);
  });

  it('finds an edited row whose chain the owner re-hashed after it', async () => {
    const saved = await rows();
    let prev = saved[1].hash;
    const statements: [string, unknown[]][] = [];
    for (const r of saved.slice(2)) {
      const edited = { ...r, prevHash: prev, ...(r.seq === 3 ? { outcome: 'accepted' as const, status: 201 } : {}) };
      prev = auditHash(recordOf(edited));
      statements.push([
        `UPDATE audit_log SET outcome = $3, status = $4, prev_hash = $5, hash = $6 WHERE network_code = $1 AND seq = $2`,
        ['tl', r.seq, edited.outcome, edited.status, edited.prevHash, prev],
      ]);
    }
    await asOwner(...statements);
    expect((await verify()).firstBreak).toMatchObject({
      seq: 3,
      reason: 'signature does not verify with a trusted key',
    });
    await restore(saved);
  });

  it('finds every signature nulled, the hashes untouched: where signing began is recorded outside the database', async () => {
    const saved = await rows();
    await asOwner([`UPDATE audit_log SET signature = NULL WHERE network_code = 'tl'`, []]);
    expect((await verify()).firstBreak).toMatchObject({
      seq: 1,
      reason: 'unsigned row: every row from seq 1 is signed',
    });
    await restore(saved);
  });

  it('finds the newest row deleted, from the head recorded in Temporal', async () => {
    const saved = await rows();
    await asOwner([`DELETE FROM audit_log WHERE network_code = 'tl' AND seq = $1`, [ROWS]]);
    const found = await verify();
    expect(found).toMatchObject({
      intact: false,
      firstBreak: { seq: ROWS, reason: expect.stringMatching(/is missing: rows were deleted/) },
    });
    await restore(saved);
    expect((await verify()).intact).toBe(true);
  });

  it("exports a year that `mignet audit verify-export` checks offline with the network's public key, and refuses an altered copy", async () => {
    const res = await fetch(`${stack.baseUrl}/networks/tl/histories/export?year=2019`, {
      headers: { authorization: `Bearer ${stack.key('auditor')}` },
    });
    expect(res.status).toBe(200);
    const archive = join(dir, 'tl-2019.tar.gz');
    writeFileSync(archive, Buffer.from(await res.arrayBuffer()));
    const { publicKeyPem } = (
      await call<{ publicKeyPem: string }>('GET', '/networks/tl/audit-log/public-key', stack.key('ILO'))
    ).body;
    writeFileSync(join(dir, 'tl.pem'), publicKeyPem);
    const bundle = testEnv().workflowBundlePath;

    const good = await mignet(
      'audit',
      'verify-export',
      archive,
      '--public-key',
      join(dir, 'tl.pem'),
      '--json',
      '--bundle',
      bundle,
    );
    const report = JSON.parse(good.out) as {
      ok: boolean;
      signature: { pinned: boolean };
      chain: ChainVerification;
      replay: { replayed: number; failed: unknown[] };
      problems: string[];
    };
    expect(report.problems).toEqual([]);
    expect(good.code).toBe(0);
    expect(report).toMatchObject({
      ok: true,
      signature: { pinned: true },
      chain: { intact: true, rows: expect.any(Number), anchors: { checked: expect.any(Number) } },
    });
    expect(report.replay.replayed).toBeGreaterThanOrEqual(1); // the anchor workflow's history, replayed by the code here

    // One byte of the log changed in the archive: its SHA-256 no longer matches the signed manifest.
    const files = untarGz(readFileSync(archive)).map((f) =>
      f.name === 'audit-log.json'
        ? { ...f, content: Buffer.from(f.content.toString().replace('"rejected"', '"accepted"')) }
        : f,
    );
    writeFileSync(join(dir, 'altered.tar.gz'), tarGz(files));
    const altered = await mignet(
      'audit',
      'verify-export',
      join(dir, 'altered.tar.gz'),
      '--public-key',
      join(dir, 'tl.pem'),
      '--bundle',
      bundle,
    );
    expect(altered.code).toBe(1);
    expect(altered.out).toMatch(/FAILED: audit-log.json: SHA-256 differs from the manifest/);
    expect(altered.out).toMatch(/FAILED: audit log broken at seq \d+: hash does not match the row/);

    // Without the network's key there is no verdict: a forger could sign with a key of their own.
    const unpinned = await mignet('audit', 'verify-export', archive, '--bundle', bundle);
    expect(unpinned.code).toBe(1);
    expect(unpinned.out).toMatch(/FAILED: no key to check the signature with/);
    expect((await mignet('audit', 'verify-export', archive, '--trust-archive-key', '--bundle', bundle)).out).toMatch(
      /checked with the key in the archive/,
    );
  });
});
