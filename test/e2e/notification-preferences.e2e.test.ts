import type { NotificationPageDto } from '../../apps/api/notifications/notification.dto';
import type { PreferencesDto } from '../../apps/api/notifications/preferences.dto';
import type { PersonDto } from '../../apps/api/people/person.dto';

import type { Mail } from '../support/mail-server';
import { circulateDecision } from '../support/decisions';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

interface Refusal {
  code: string;
  details: { field: string; message: string }[];
}

/**
 * What each person is told, and how: a kind at once, in the daily digest (held in the outbox until the person's digest
 * hour, then one mail for all of it), or muted (news only; written all the same, never sent); and a mail's one-click
 * unsubscribe, which changes that one kind for that one person.
 */
describe('notification preferences (end to end): immediate, daily digest, muted, one-click unsubscribe', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const keyOf = (m: Mail) => String(m.headers.get('x-mignet-idempotency-key') ?? '');
  const to = (m: Mail) => m.envelopeTo.join(',');
  const person = async (body: Record<string, unknown>) => {
    const added = await call<PersonDto>('POST', '/networks/tl/people', coordinator(), body);
    expect(added.status).toBe(201);
    const key = await call<{ key: string }>('POST', '/networks/tl/keys', coordinator(), {
      label: 'phone',
      person: added.body.id,
    });
    return { id: added.body.id, key: key.body.key };
  };
  const preferences = (who: { id: string }, key: string, body?: Record<string, unknown>) =>
    call<PreferencesDto & Refusal>(
      body ? 'PATCH' : 'GET',
      `/networks/tl/people/${who.id}/notification-preferences`,
      key,
      body,
    );
  const rowsOf = async (personId: string) =>
    (
      await call<NotificationPageDto>('GET', '/networks/tl/notifications?pageSize=500', coordinator())
    ).body.items.filter((n) => n.personId === personId);
  const form = (path: string, body: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  let fiona: { id: string; key: string };
  let rui: { id: string; key: string };
  beforeAll(async () => {
    fiona = await person({ name: 'Fiona Reid', email: 'freid@fao.org', role: 'focal-point', agency: 'FAO' });
    rui = await person({ name: 'Rui Belo', email: 'rbelo@fao.org', role: 'alternate', agency: 'FAO', language: 'pt' });
  });

  it('keeps each person’s choice per kind, and refuses with the field what may not be chosen', async () => {
    const before = await preferences(fiona, fiona.key);
    expect(before.status).toBe(200);
    expect(before.body.digestHour).toBe(7);
    expect(before.body.kinds.every((k) => k.delivery === 'immediate')).toBe(true);
    expect(before.body.kinds.find((k) => k.kind === 'task-opened')).toEqual({
      kind: 'task-opened',
      delivery: 'immediate',
      work: true,
      choices: ['immediate', 'digest'],
    });
    const meeting = await preferences(fiona, fiona.key, { kinds: { 'meeting-cancelled': 'digest' } });
    expect(meeting.body.details).toEqual([
      { field: 'kinds.meeting-cancelled', message: expect.stringContaining('keeps your calendar right') },
    ]);

    const refused = await preferences(fiona, fiona.key, {
      kinds: { 'task-opened': 'muted', 'task-forgotten': 'digest', 'decision-adopted': 'sometimes' },
      digestHour: 24,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d) => d.field).sort()).toEqual(['digestHour']);
    const kinds = await preferences(fiona, fiona.key, {
      kinds: { 'task-opened': 'muted', 'task-forgotten': 'digest', 'decision-adopted': 'sometimes' },
    });
    expect(kinds.status).toBe(400);
    expect(Object.fromEntries(kinds.body.details.map((d) => [d.field, d.message]))).toEqual({
      'kinds.task-opened': expect.stringContaining('work of yours'),
      'kinds.task-forgotten': expect.stringContaining('not a kind of notification'),
      'kinds.decision-adopted': expect.stringContaining('immediate, digest, muted'),
    });
    // Someone else's are not theirs to set; the coordinator may.
    expect((await preferences(fiona, rui.key, { kinds: { 'decision-adopted': 'muted' } })).status).toBe(403);
    expect((await preferences(fiona, stack.key('auditor'))).status).toBe(403);
    const set = await preferences(fiona, fiona.key, {
      kinds: { 'task-opened': 'digest', 'decision-adopted': 'muted' },
      digestHour: 18,
    });
    expect(set.status).toBe(200);
    expect(set.body.digestHour).toBe(18);
    const byKind = Object.fromEntries(set.body.kinds.map((k) => [k.kind, k.delivery]));
    expect(byKind).toMatchObject({
      'task-opened': 'digest',
      'decision-adopted': 'muted',
      'task-reminded': 'immediate',
    });
    // A change names what changes: the rest stays.
    const again = await preferences(fiona, coordinator(), { kinds: { 'decision-withdrawn': 'muted' } });
    expect(Object.fromEntries(again.body.kinds.map((k) => [k.kind, k.delivery]))).toMatchObject({
      'task-opened': 'digest',
      'decision-adopted': 'muted',
      'decision-withdrawn': 'muted',
    });
    expect(again.body.digestHour).toBe(18);
  });

  it('holds the digest’s kinds until the digest hour, then sends them in one mail; never sends the muted', async () => {
    const wf = await circulateDecision(call, coordinator(), 'Adopt the outreach calendar', 8_000);
    const task = `${wf}:concur-or-object:r1:FAO`;
    // Rui is told at once; Fiona's row is held for her digest, at 18:00 in Dili.
    const opened = await waitFor(async () => {
      const mine = (await rowsOf(fiona.id)).filter((n) => n.taskId === task && n.kind === 'task-opened');
      return mine.length === 1 ? mine[0] : undefined;
    }, "Fiona's opening notice");
    expect(opened.status).toBe('held');
    const at = new Date(opened.nextAttemptAt);
    expect(at.getTime()).toBeGreaterThan(Date.now());
    expect(at.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Dili', hour: '2-digit', minute: '2-digit' }).format(at),
    ).toBe('18:00');
    const ruis = await waitFor(
      async () =>
        (await stack.mail.mails()).find((m) => to(m) === 'rbelo@fao.org' && keyOf(m).includes(`|${task}|assigned:`)),
      "Rui's opening mail",
    );
    expect(ruis.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    // The decision is adopted by silence: Rui hears of it; Fiona muted that, so her row is on record and never sent.
    const adopted = await waitFor(
      async () => {
        const mine = (await rowsOf(fiona.id)).filter((n) => n.kind === 'decision-adopted');
        return mine.length === 1 ? mine[0] : undefined;
      },
      "Fiona's adoption notice",
      30_000,
    );
    expect(adopted.status).toBe('muted');
    await waitFor(
      async () =>
        (await stack.mail.mails()).some((m) => to(m) === 'rbelo@fao.org' && keyOf(m).startsWith(`${wf}|adopted|`)) ||
        undefined,
      "Rui's adoption mail",
    );
    expect((await stack.mail.mails()).filter((m) => to(m) === 'freid@fao.org')).toEqual(
      // Her reminder was immediate (she did not change it); nothing else reached her.
      (await stack.mail.mails()).filter((m) => to(m) === 'freid@fao.org' && keyOf(m).includes('|reminded:')),
    );

    // Her digest hour comes (the clock moved on for her held rows): one mail lists them, with their links.
    const ds = await stack.db.dataSource();
    await ds.query(`UPDATE outbox SET next_attempt_at = now() WHERE person_id = $1 AND status = 'held'`, [fiona.id]);
    const digest = await waitFor(
      async () => (await stack.mail.mails()).find((m) => to(m) === 'freid@fao.org' && keyOf(m).startsWith('digest|')),
      'the digest',
    );
    expect(digest.subject).toBe('UN Migration Network in Timor-Leste: your daily digest (1)');
    expect(digest.text).toContain('New task for FAO: Concur with a proposal, or object');
    expect(digest.text).toContain(`/app/tl/tasks/${encodeURIComponent(task)}`);
    expect(digest.text).toContain(`/networks/tl/people/${fiona.id}/notification-preferences`);
    const rows = await rowsOf(fiona.id);
    const digestRow = rows.find((n) => n.kind === 'digest')!;
    expect(rows.find((n) => n.id === opened.id)).toMatchObject({ status: 'digested', digestId: digestRow.id });
    // The held row itself never went out, and nothing went twice.
    const keys = (await stack.mail.mails()).map(keyOf);
    expect(keys.filter((k) => k.includes(`|${task}|assigned:`) && k.endsWith(`|${fiona.id}`))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);

  it("unsubscribes in one click: news is muted, one's own work moves to the digest, only for that person", async () => {
    const mails = (await stack.mail.mails()).filter((m) => to(m) === 'rbelo@fao.org');
    const tokenOf = (m: Mail) =>
      /unsubscribe\?token=([0-9a-f]{64})>/.exec(m.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1];
    const work = mails.find((m) => keyOf(m).includes('|assigned:'))!;
    const news = mails.find((m) => keyOf(m).includes('|adopted|'))!;

    // Fiona takes both kinds at once again: Rui's clicks below must leave hers so.
    await preferences(fiona, fiona.key, { kinds: { 'task-opened': 'immediate', 'decision-adopted': 'immediate' } });
    const page = await fetch(`${stack.baseUrl}/networks/tl/unsubscribe?token=${tokenOf(work)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="pt"');
    expect(html).toContain('Enviar no resumo diário');
    // Reading the page changed nothing.
    expect((await preferences(rui, rui.key)).body.kinds.find((k) => k.kind === 'task-opened')?.delivery).toBe(
      'immediate',
    );

    expect((await form(`/networks/tl/unsubscribe?token=${tokenOf(work)}`, 'List-Unsubscribe=One-Click')).status).toBe(
      200,
    );
    const fromPage = await form('/networks/tl/unsubscribe', `token=${tokenOf(news)}`);
    expect(await fromPage.text()).toContain('deixará de receber decisões adotadas');
    const after = Object.fromEntries((await preferences(rui, rui.key)).body.kinds.map((k) => [k.kind, k.delivery]));
    expect(after).toMatchObject({ 'task-opened': 'digest', 'decision-adopted': 'muted', 'task-reminded': 'immediate' });
    // Fiona's stay hers.
    expect((await preferences(fiona, fiona.key)).body.kinds.find((k) => k.kind === 'task-reminded')?.delivery).toBe(
      'immediate',
    );

    const bad = await form('/networks/tl/unsubscribe', `token=${'0'.repeat(64)}`);
    expect(bad.status).toBe(401);
    expect((await fetch(`${stack.baseUrl}/networks/xx/unsubscribe?token=${tokenOf(work)}`)).status).toBe(401);
  });
});
