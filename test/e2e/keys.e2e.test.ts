import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

interface Key {
  id: string;
  label: string;
  role: string;
  agency: string | null;
  scope: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  replaces: string | null;
  key?: string;
}

/** Keys with a life: issued to a person or a program, read-only or not, expiring, rotated and revoked, refused at once. */
describe('API keys (end to end): issue, scope, expiry, rotation, revocation', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const issue = (body: Record<string, unknown>, key = coordinator()) =>
    call<Key & { details?: { field: string }[] }>('POST', '/networks/tl/keys', key, body);
  const keys = async () => (await call<{ items: Key[] }>('GET', '/networks/tl/keys', coordinator())).body.items;

  it('issues a key shown once; a read-only one reads and sends no command; bad requests name the field', async () => {
    const issued = await issue({ label: 'ILO dashboard', role: 'agency', agency: 'ILO', scope: 'read-only' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ role: 'agency', agency: 'ILO', scope: 'read-only', key: expect.any(String) });
    const listed = (await keys()).find((k) => k.id === issued.body.id)!;
    expect(listed).toMatchObject({ label: 'ILO dashboard', revokedAt: null });
    expect(Object.keys(listed)).not.toContain('key'); // the secret is never listed
    expect(JSON.stringify(await keys())).not.toContain(issued.body.key!);

    expect((await call('GET', '/networks/tl/tasks', issued.body.key)).status).toBe(200);
    expect(
      (await call('POST', '/networks/tl/members/FAO/leave', issued.body.key, { reason: 'no' })).body,
    ).toMatchObject({ statusCode: 403, message: 'This API key is read-only: it sends no command' });

    expect((await issue({ label: 'x', role: 'agency', agency: 'WHO' })).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'agency' }],
    });
    expect((await issue({ label: 'x', role: 'agency' })).body.details).toEqual([
      expect.objectContaining({ field: 'agency' }),
    ]);
    expect((await issue({ label: 'x', role: 'auditor', agency: 'ILO' })).body.details).toEqual([
      expect.objectContaining({ field: 'agency' }),
    ]);
    expect(
      (await issue({ label: 'x', role: 'auditor', expiresAt: new Date(Date.now() - 1000).toISOString() })).body.details,
    ).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    expect(
      (
        await issue({
          label: 'x',
          role: 'auditor',
          expiresAt: new Date(Date.now() + 10 * 366 * 86_400_000).toISOString(),
        })
      ).body.details,
    ).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    expect((await issue({ label: 'seed:auditor', role: 'auditor' })).body.details).toEqual([
      expect.objectContaining({ field: 'label' }),
    ]);
    expect((await issue({ label: '   ', role: 'auditor' })).body.details).toEqual([
      expect.objectContaining({ field: 'label' }),
    ]);
    expect((await issue({ label: 'x', role: 'administrator' })).body.details).toEqual([
      expect.objectContaining({ field: 'role' }),
    ]);
    expect((await issue({ label: 'x', role: 'auditor' }, stack.key('ILO'))).status).toBe(403);
    expect((await issue({ label: 'x', role: 'auditor' }, stack.key('auditor'))).status).toBe(403);
  });

  it('rotates a key: the new one works, the old one is refused at once with the date', async () => {
    const old = (await keys()).find((k) => k.label === 'seed:agency:UNDP')!;
    const rotated = await call<Key>('POST', `/networks/tl/keys/${old.id}/rotate`, coordinator());
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      label: 'rotated:agency:UNDP', // no longer the seed's: npm start's re-seeding leaves it alone
      role: 'agency',
      agency: 'UNDP',
      replaces: old.id,
    });
    const refused = await call<{ message: string }>('GET', '/networks/tl/tasks', stack.key('UNDP'));
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/^The API key was revoked on \d{4}-/);
    expect((await call('GET', '/networks/tl/tasks', rotated.body.key)).status).toBe(200);
    expect((await call('POST', `/networks/tl/keys/${old.id}/rotate`, coordinator())).body).toMatchObject({
      statusCode: 409,
      code: 'KEY_REVOKED',
    });
  });

  it('revokes a key (again: the first date kept), and the platform administrator may too', async () => {
    const issued = await issue({ label: 'reporting script', role: 'auditor' });
    expect((await call('GET', '/networks/tl/histories', issued.body.key)).status).toBe(200);
    const revoked = await call<Key>('POST', `/networks/tl/keys/${issued.body.id}/revoke`, stack.key('administrator'));
    expect(revoked.body).toMatchObject({ id: issued.body.id, revokedAt: expect.any(String) });
    expect((await call('GET', '/networks/tl/histories', issued.body.key)).status).toBe(401);
    const again = await call<Key>('POST', `/networks/tl/keys/${issued.body.id}/revoke`, coordinator());
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await call('GET', '/networks/tl/keys', stack.key('administrator'))).status).toBe(200);
    // Another network's key ids, and ids that are none, are not this network's.
    const other = (await call<{ items: Key[] }>('GET', '/networks/xx/keys', stack.keys.xx['seed:coordinator'])).body;
    expect((await call('POST', `/networks/tl/keys/${other.items[0].id}/revoke`, coordinator())).body).toMatchObject({
      statusCode: 404,
      code: 'KEY_NOT_FOUND',
    });
    expect((await call('POST', '/networks/tl/keys/nope/revoke', coordinator())).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'id' }],
    });
  });

  it('refuses a key once it has expired, and tells when each key was last used', async () => {
    const expiresAt = new Date(Date.now() + 3_000).toISOString();
    const issued = await issue({ label: 'short-lived', role: 'auditor', expiresAt });
    expect((await call('GET', '/networks/tl/histories', issued.body.key)).status).toBe(200);
    const used = await waitFor(
      async () => (await keys()).find((k) => k.id === issued.body.id && k.lastUsedAt !== null),
      'lastUsedAt written',
    );
    expect(new Date(used.lastUsedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const refused = await waitFor(async () => {
      const res = await call<{ message: string }>('GET', '/networks/tl/histories', issued.body.key);
      return res.status === 401 ? res.body : undefined;
    }, 'the key refused after its expiry');
    expect(refused.message).toBe(`The API key expired on ${expiresAt}`);
  });
});
