import { createHmac } from 'node:crypto';

import type { NotificationDetailDto, NotificationPageDto } from '../../apps/api/notifications/notification.dto';
import type { CreatedWebhookDto, WebhookDto } from '../../apps/api/webhooks/webhook.dto';

import { circulateDecision } from '../support/decisions';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { type Received, WebhookReceiver } from '../support/webhook-receiver';

interface Refusal {
  code: string;
  details: { field: string; message: string }[];
}

/**
 * Webhooks: a network's notifications POSTed to a chat tool's incoming webhook (here a local HTTP server), signed with
 * HMAC-SHA256 over a timestamp and the body, through the same outbox as mail: retried while the receiver fails,
 * a dead letter when it refuses, never in a workflow's way; and targets checked against SSRF.
 */
describe('webhooks (end to end): signed, retried, logged, and only to allowed targets', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const receiver = new WebhookReceiver();
  const json = (r: Received) => JSON.parse(r.body) as { id: string; kind: string; text: string; taskId: string | null };
  const create = (body: Record<string, unknown>, key = coordinator()) =>
    call<CreatedWebhookDto & Refusal>('POST', '/networks/tl/webhooks', key, body);
  const circulate = (title: string, inMs: number) => circulateDecision(call, coordinator(), title, inMs);
  const deliveries = async (webhook: string, status = '') =>
    (
      await call<NotificationPageDto>(
        'GET',
        `/networks/tl/notifications?channel=webhook&webhook=${webhook}&pageSize=500${status ? `&status=${status}` : ''}`,
        coordinator(),
      )
    ).body.items;
  /** The signature checked as a receiver would: HMAC-SHA256 of "{t}.{body}" under the secret. */
  const signedBy = (r: Received, secret: string) => {
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-mignet-signature'])) ?? [];
    return (
      v1 === createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex') &&
      Math.abs(Date.now() / 1000 - Number(t)) < 300
    );
  };

  beforeAll(async () => {
    await receiver.start();
    // Someone to mail, beside the webhooks.
    const added = await call('POST', '/networks/tl/people', coordinator(), {
      name: 'Ines Lopes',
      email: 'ilopes@ilo.org',
      role: 'focal-point',
      agency: 'ILO',
    });
    expect(added.status).toBe(201);
  });
  afterAll(() => receiver.stop());

  it('refuses, naming the field, a target that is not http(s) or reaches inside, and anyone but the coordinator', async () => {
    const refusals = await Promise.all(
      [
        'ftp://files.example.org/hook',
        'http://10.0.0.5/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]:8080/hook',
        'http://127.0.0.2:8080/hook',
        'http://user:secret@127.0.0.1:8080/hook',
        'not a url',
      ].map(async (url) => ({ url, r: await create({ url }) })),
    );
    for (const { url, r } of refusals) {
      expect([url, r.status, r.body.details?.[0]?.field]).toEqual([url, 400, 'url']);
    }
    expect(refusals[1].r.body.details[0].message).toContain('loopback or private');
    expect((await create({ url: receiver.url, kinds: ['task-forgotten'] })).body.details[0].field).toBe('kinds');
    expect((await create({ url: receiver.url, kinds: [] })).body.details[0]).toEqual({
      field: 'kinds',
      message: expect.stringContaining('at least one kind'),
    });
    expect((await create({ url: receiver.url }, stack.key('ILO'))).status).toBe(403);
    expect((await call('GET', '/networks/tl/webhooks', stack.key('UNDP'))).status).toBe(403);
  });

  it('tells the kinds asked for, once per fact (not per person), signed; a test message on request', async () => {
    const made = await create({ url: receiver.url, kinds: ['task-opened', 'decision-adopted'], description: 'Teams' });
    expect(made.status).toBe(201);
    const { id, secret } = made.body;
    expect(secret).toMatch(/^whsec_/);
    const listed = await call<WebhookDto[]>('GET', '/networks/tl/webhooks', stack.key('auditor'));
    expect(made.body.url).toBe(receiver.url);
    // Listed (and logged) by its origin only, without its secret: a chat webhook's URL is its credential.
    expect(listed.body.find((w) => w.id === id)).toMatchObject({
      url: `${new URL(receiver.url).origin}/…`,
      description: 'Teams',
    });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain('/hook');

    const ping = await call<{ notification: string }>('POST', `/networks/tl/webhooks/${id}/test`, coordinator());
    expect(ping.status).toBe(202);
    const tested = await waitFor(
      async () => receiver.received.find((r) => json(r).kind === 'webhook-test'),
      'the test message',
    );
    expect(signedBy(tested, secret)).toBe(true);
    expect(signedBy(tested, `${secret}x`)).toBe(false);
    expect(json(tested).text).toContain('test message');

    const wf = await circulate('Adopt the referral pathway', 8_000);
    const ofWf = () => receiver.received.filter((r) => json(r).id.startsWith(`${wf}|`));
    await waitFor(
      async () => ofWf().some((r) => json(r).kind === 'decision-adopted') || undefined,
      'the adoption, told to the webhook',
      30_000,
    );
    const got = ofWf();
    const opened = got.filter((r) => json(r).kind === 'task-opened');
    // One per member's task (whoever the people are), each signed; no reminders: not asked for.
    expect(opened.length).toBeGreaterThanOrEqual(3);
    expect(new Set(opened.map((r) => json(r).taskId)).size).toBe(opened.length);
    expect(got.every((r) => ['task-opened', 'decision-adopted'].includes(json(r).kind))).toBe(true);
    expect(got.every((r) => signedBy(r, secret))).toBe(true);
    expect(json(opened[0]).text).toMatch(/^New task for \w+: Concur with a proposal, or object\nhttp/);
    const keys = receiver.received.map((r) => String(r.headers['x-mignet-idempotency-key']));
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);

  it('retries a failing receiver without holding anyone up, makes a refusal a dead letter, and stops when revoked', async () => {
    const made = await create({ url: receiver.url, kinds: ['task-opened'] });
    const { id } = made.body;
    // Two 503s, then it works: the row is sent at the third try, its attempts on record.
    let failures = 2;
    receiver.status = (r) => (json(r).kind === 'webhook-test' && failures-- > 0 ? 503 : 200);
    const ping = await call<{ notification: string }>('POST', `/networks/tl/webhooks/${id}/test`, coordinator());
    const detail = await waitFor(
      async () => {
        const d = await call<NotificationDetailDto>(
          'GET',
          `/networks/tl/notifications/${ping.body.notification}`,
          coordinator(),
        );
        return d.body.status === 'sent' ? d.body : undefined;
      },
      'the test message sent after two 503s (backoff 2 s, 4 s)',
      30_000,
    );
    expect(detail.deliveries.map((d) => d.outcome)).toEqual(['retry', 'retry', 'sent']);
    expect(detail.deliveries[0].detail).toContain('HTTP 503');

    // A receiver that hangs holds up no mail (webhooks have a dispatch loop of their own), nor any answer.
    receiver.delayMs = (r) => (json(r).kind === 'webhook-test' ? 8_000 : 0);
    const seen = receiver.received.length;
    const slow = await call<{ notification: string }>('POST', `/networks/tl/webhooks/${id}/test`, coordinator());
    await waitFor(
      async () => receiver.received.slice(seen).some((r) => json(r).kind === 'webhook-test') || undefined,
      'the slow delivery under way',
    );
    const guide = await circulate('Adopt the field guide', 60_000);
    await waitFor(
      async () =>
        (await stack.mail.mails()).some((m) =>
          String(m.headers.get('x-mignet-idempotency-key')).startsWith(`${guide}|`),
        ) || undefined,
      "the circulation's mail, while the webhook still hangs",
    );
    const meanwhile = await call<NotificationDetailDto>(
      'GET',
      `/networks/tl/notifications/${slow.body.notification}`,
      coordinator(),
    );
    expect(meanwhile.body.status).toBe('sending'); // the mail went while the webhook's answer was still awaited
    receiver.delayMs = () => 0;
    await waitFor(
      async () => (await deliveries(id, 'sent')).find((n) => n.id === slow.body.notification),
      'the slow delivery sent',
    );

    // A 404 is the receiver's refusal: a dead letter, which the coordinator sends again once it is fixed.
    receiver.status = (r) => (json(r).kind === 'webhook-test' ? 404 : 200);
    const refused = await call<{ notification: string }>('POST', `/networks/tl/webhooks/${id}/test`, coordinator());
    await waitFor(
      async () => (await deliveries(id, 'bounced')).find((n) => n.id === refused.body.notification),
      'the refusal, a dead letter',
    );
    receiver.status = () => 200;
    expect(
      (await call('POST', `/networks/tl/notifications/${refused.body.notification}/retry`, coordinator())).status,
    ).toBe(200);
    await waitFor(
      async () => (await deliveries(id, 'sent')).find((n) => n.id === refused.body.notification),
      'the retried delivery sent',
    );

    const revoked = await call<WebhookDto>('POST', `/networks/tl/webhooks/${id}/revoke`, coordinator());
    expect(revoked.body.revokedAt).not.toBeNull();
    const before = (await deliveries(id)).length;
    const wf = await circulate('Adopt the data-sharing protocol', 60_000);
    // The first webhook hears of its tasks; the revoked one gets nothing more.
    await waitFor(
      async () => receiver.received.some((r) => json(r).id.startsWith(`${wf}|`)) || undefined,
      'the live webhook told of the new decision',
    );
    expect((await deliveries(id)).length).toBe(before);
    expect((await call<Refusal>('POST', `/networks/tl/webhooks/${id}/test`, coordinator())).body.details[0].field).toBe(
      'id',
    );
  }, 90_000);
});
