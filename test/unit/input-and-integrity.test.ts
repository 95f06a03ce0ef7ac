import { generateKeyPairSync } from 'node:crypto';

import { bodyProblems, parameterProblems, storableCopy } from '../../apps/api/common/input-limits';
import { AuthFailureLimiter } from '../../apps/api/common/rate-limit.guard';
import { signerFromPem, trustedKeys, verifySignature } from '../../libs/audit/signing';
import { untarGz, tarGz } from '../../libs/audit/tar';
import {
  AuditRecord,
  auditHash,
  findChainBreak,
  GENESIS_HASH,
  StoredAuditRow,
} from '../../libs/persistence/audit-chain';
import { isPostgresDataError, isPostgresUnavailable } from '../../libs/persistence/postgres-errors';

describe('input limits', () => {
  it('names each field holding a character PostgreSQL cannot store, and accepts ordinary text in any script', () => {
    expect(
      bodyProblems({ activities: [{ title: 'ok', description: 'a\u0000b' }], note: 'x\ud800' })
        .map((p) => p.field)
        .sort(),
    ).toEqual(['activities[0].description', 'note']);
    expect(bodyProblems({ title: 'Tetum: Ita-nia planu 🇹🇱, Português: ação\tlinha\nnova\r' })).toEqual([]);
    expect(bodyProblems({ 'we\u0000ird': 1 })[0]).toMatchObject({
      field: '["we\\u0000ird"]',
      message: expect.stringContaining('U+0000'),
    });
  });

  it('refuses depth past 32, too many nodes and prototype keys, without recursing into a hostile body', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(bodyProblems(deep)).toEqual([{ field: '[0]'.repeat(32), message: 'is nested deeper than 32 levels' }]);
    expect(bodyProblems({ list: Array.from({ length: 20_001 }, () => 0) })[0].message).toMatch(/more than 20000/);
    expect(
      bodyProblems(JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":1}'))
        .map((p) => p.field)
        .sort(),
    ).toEqual(['a.__proto__', 'constructor']);
  });

  it('checks path and query parameters: control characters, arrays, length', () => {
    expect(
      parameterProblems({ id: 'a\u0000' }, { owner: ['x', 'y'], q: 'z'.repeat(513), ok: 'fine' }).map((p) => p.field),
    ).toEqual(['id', 'owner', 'q']);
  });

  it('keeps a storable copy of a refused body: bad characters replaced, depth cut, an accepted body unchanged', () => {
    expect(storableCopy({ t: 'a\u0000b', k: ['\udc00'] })).toEqual({ t: 'a\ufffdb', k: ['\ufffd'] });
    const body = { activities: [{ title: 'Fees', gcmObjectives: [6] }] };
    expect(storableCopy(body)).toEqual(body);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(JSON.stringify(storableCopy(deep))).toContain('nested deeper than 32 levels');
  });
});

describe('failed authentications', () => {
  it('blocks an address for the rest of its minute after the limit, and lets it try again after', () => {
    const limiter = new AuthFailureLimiter(3);
    for (let i = 0; i < 3; i++) limiter.fail('10.0.0.1', 1_000);
    expect(limiter.blockedFor('10.0.0.1', 31_000)).toBeCloseTo(30);
    expect(limiter.blockedFor('10.0.0.2', 31_000)).toBeUndefined();
    expect(limiter.blockedFor('10.0.0.1', 61_000)).toBeUndefined();
  });
});

describe('PostgreSQL errors', () => {
  it('tells an unavailable server from a refused value', () => {
    expect(
      isPostgresUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isPostgresUnavailable({
        message: 'query failed',
        driverError: { code: '57P01', message: 'terminating connection due to administrator command' },
      }),
    ).toBe(true);
    expect(isPostgresUnavailable({ code: '22P05', message: 'unsupported Unicode escape sequence' })).toBe(false);
    expect(isPostgresDataError({ driverError: { code: '22P05' } })).toBe(true);
    expect(isPostgresDataError({ code: '23505' })).toBe(false);
  });
});

describe('the signed, anchored chain', () => {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = signerFromPem(pem);
  const keys = trustedKeys([signer.publicKeyPem]);
  const chain = (n: number, signed = true): StoredAuditRow[] => {
    const rows: StoredAuditRow[] = [];
    for (let seq = 1, prev = GENESIS_HASH; seq <= n; seq++) {
      const record: AuditRecord = {
        networkCode: 'tl',
        seq,
        at: new Date(seq * 1000).toISOString(),
        requestId: `r${seq}`,
        actorRole: 'agency',
        actorAgency: 'ILO',
        keyId: 'k',
        command: 'POST /x',
        target: null,
        payload: { n: seq },
        outcome: 'accepted',
        status: 200,
        errorCode: null,
        prevHash: prev,
      };
      prev = auditHash(record);
      rows.push({ ...record, hash: prev, signature: signed ? signer.sign(prev) : null });
    }
    return rows;
  };

  it('signs and verifies with the key id, and refuses another key', () => {
    const sig = signer.sign('abc');
    expect(sig.startsWith(`${signer.keyId}:`)).toBe(true);
    expect(verifySignature(keys, 'abc', sig)).toBe(true);
    expect(verifySignature(keys, 'abd', sig)).toBe(false);
    const other = signerFromPem(
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    expect(verifySignature(keys, 'abc', other.sign('abc'))).toBe(false);
  });

  it('holds when intact, with its anchors; finds a bad signature, an unsigned row after signing, a deleted tail and a rewritten head', () => {
    const rows = chain(4);
    const anchors = [{ seq: 4, hash: rows[3].hash, at: 'then' }];
    expect(findChainBreak(rows, { keys, anchors })).toBeUndefined();
    expect(findChainBreak([...rows.slice(0, 3), { ...rows[3], signature: null }], { keys })).toMatchObject({
      seq: 4,
      reason: 'unsigned row after signing began',
    });
    expect(findChainBreak([...rows.slice(0, 3), { ...rows[3], signature: rows[2].signature }], { keys })).toMatchObject(
      { seq: 4, reason: 'signature does not verify with a trusted key' },
    );
    expect(findChainBreak(rows.slice(0, 3), { keys, anchors })).toMatchObject({
      seq: 4,
      reason: expect.stringContaining('is missing'),
    });
    expect(
      findChainBreak(
        chain(4).map((r) => ({ ...r })),
        { anchors: [{ seq: 4, hash: 'f'.repeat(64), at: 'then' }] },
      ),
    ).toMatchObject({ seq: 4, reason: expect.stringContaining('rewritten') });
    // Unsigned rows are a break unless a record outside the database (an anchor) says signing began after them.
    expect(findChainBreak(chain(3, false), { keys })).toMatchObject({
      seq: 1,
      reason: 'unsigned row: every row from seq 1 is signed',
    });
    expect(
      findChainBreak(chain(3, false), {
        keys,
        anchors: [{ seq: 2, hash: chain(3, false)[1].hash, at: 'then', firstSignedSeq: 4 }],
      }),
    ).toBeUndefined();
    expect(
      findChainBreak(
        rows.map((r) => ({ ...r, signature: null })),
        { keys, anchors },
      ),
    ).toMatchObject({ seq: 1 }); // every signature nulled
  });

  it('reads back the archive it writes', () => {
    const files = [
      { name: 'manifest.json', content: Buffer.from('{}') },
      { name: `histories/${'x'.repeat(95)}.json`, content: Buffer.alloc(1500, 7) },
    ];
    expect(untarGz(tarGz(files))).toEqual(files);
  });
});
