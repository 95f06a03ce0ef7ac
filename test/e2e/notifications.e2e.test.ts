import type { NotificationDetailDto, NotificationPageDto } from '../../apps/api/notifications/notification.dto';
import type { PersonDto } from '../../apps/api/people/person.dto';
import type { TaskDto } from '../../apps/api/tasks/task.dto';
import ICAL from 'ical.js';

import type { Mail } from '../support/mail-server';
import { circulateDecision } from '../support/decisions';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/**
 * Notifications through the outbox to a real SMTP server (smtp-server), read back with mailparser: a task's people
 * are told in their own language when it opens and before it is due, exactly once per fact and person; mail waits
 * while the server is down and is all delivered once it is back; a refused address is a dead letter the coordinator
 * sees and retries.
 */
describe('notifications (end to end): the outbox, a real SMTP server, three languages', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const keyOf = (m: Mail) => String(m.headers.get('x-mignet-idempotency-key') ?? '');
  const to = (m: Mail) => m.envelopeTo.join(',');
  const person = async (body: Record<string, unknown>) => {
    const r = await call<PersonDto>('POST', '/networks/tl/people', coordinator(), body);
    expect(r.status).toBe(201);
    return r.body;
  };
  const circulate = (title: string, inMs: number) => circulateDecision(call, coordinator(), title, inMs);
  const notices = async (task: string) =>
    (
      await call<NotificationPageDto>(
        'GET',
        `/networks/tl/notifications?task=${encodeURIComponent(task)}&pageSize=500`,
        coordinator(),
      )
    ).body.items;
  /** Each idempotency key the server received, with how many times. */
  const counts = async () => {
    const seen = new Map<string, number>();
    for (const m of await stack.mail.mails()) seen.set(keyOf(m), (seen.get(keyOf(m)) ?? 0) + 1);
    return seen;
  };

  beforeAll(async () => {
    await person({
      name: 'Maria Soares',
      email: 'msoares@ilo.org',
      role: 'focal-point',
      agency: 'ILO',
      language: 'tet',
    });
    await person({ name: 'João Pinto', email: 'jpinto@ilo.org', role: 'alternate', agency: 'ILO', language: 'pt' });
    await person({ name: 'Fiona Reid', email: 'freid@fao.org', role: 'focal-point', agency: 'FAO' });
  });

  it("tells a task's people in their language when it opens and before it is due, once per fact and person", async () => {
    const wf = await circulate('Adopt the communication protocol', 16_000);
    const task = `${wf}:concur-or-object:r1:ILO`;
    const forTask = async () => (await stack.mail.mails()).filter((m) => keyOf(m).includes(`|${task}|`));
    const opened = await waitFor(async () => {
      const got = (await forTask()).filter((m) => keyOf(m).includes('|assigned:'));
      return got.length >= 2 ? got : undefined;
    }, "the opening mails of ILO's task");
    const tetum = opened.find((m) => to(m) === 'msoares@ilo.org')!;
    const portuguese = opened.find((m) => to(m) === 'jpinto@ilo.org')!;
    expect(tetum.subject).toBe('Knaar foun ba ILO: Konkorda ho proposta ida, ka hato’o objesaun');
    expect(portuguese.subject).toBe('Nova tarefa para ILO: Concordar com uma proposta, ou objetar');
    expect(tetum.text).toContain('Prazu:');
    expect(tetum.text).toContain('Kona-ba: Adopt the communication protocol'); // the decision's title, not an id
    expect(portuguese.text).toContain('Assunto: Adopt the communication protocol');
    expect(tetum.text).toContain(`/app/tl/tasks/${encodeURIComponent(task)}`); // the task's page
    expect(tetum.html).toContain('lang="tet"');
    // mailparser reads List-* headers into `list`.
    expect(JSON.stringify(tetum.headers.get('list'))).toContain('/networks/tl/unsubscribe?token=');
    expect(tetum.messageId).toMatch(/@mignet>?$/);
    // FAO's person hears of FAO's task, not of ILO's.
    expect(opened.some((m) => to(m) === 'freid@fao.org')).toBe(false);
    await waitFor(
      async () =>
        (await stack.mail.mails()).some(
          (m) => to(m) === 'freid@fao.org' && keyOf(m).includes(`|${wf}:concur-or-object:r1:FAO|`),
        ) || undefined,
      "FAO's opening mail",
    );

    const reminders = await waitFor(
      async () => {
        const got = (await forTask()).filter((m) => keyOf(m).includes('|reminded:'));
        return got.length >= 2 ? got : undefined;
      },
      "the reminders of ILO's task",
      30_000,
    );
    expect(reminders.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^Lembrete: Concordar com uma proposta, ou objetar, prazo \d+ de /),
      expect.stringMatching(/^Lembrete: Konkorda ho proposta ida, ka hato’o objesaun, prazu \d+ /),
    ]);
    // Answered now: no mail for a completion; every row of the task sent, each key received exactly once.
    const done = await call<TaskDto>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(task)}/complete`,
      stack.key('ILO'),
      {
        answer: 'concur',
      },
    );
    expect(done.status).toBe(200);
    const rows = await waitFor(async () => {
      const r = await notices(task);
      return r.length === 4 && r.every((n) => n.status === 'sent') ? r : undefined;
    }, 'the four notices of the task sent');
    expect(rows.map((r) => r.kind).sort()).toEqual(['task-opened', 'task-opened', 'task-reminded', 'task-reminded']);
    const seen = await counts();
    expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
    const detail = await call<NotificationDetailDto>(
      'GET',
      `/networks/tl/notifications/${rows[0].id}`,
      stack.key('auditor'),
    );
    expect(detail.body.deliveries).toEqual([expect.objectContaining({ outcome: 'sent' })]);
    expect((await call('GET', '/networks/tl/notifications', stack.key('ILO'))).status).toBe(403);
  }, 60_000);

  it('keeps mail while the SMTP server is down, answers commands meanwhile, and delivers it all once it is back', async () => {
    await stack.mail.stop();
    let task = '';
    try {
      const wf = await circulate('Adopt the mission calendar', 10 * 60_000);
      task = `${wf}:concur-or-object:r1:ILO`;
      await waitFor(async () => {
        const r = await notices(task);
        return r.length === 2 && r.every((n) => n.status === 'pending' && n.attempts >= 1 && n.lastError)
          ? r
          : undefined;
      }, 'the notices tried and waiting');
      // The mail server being down holds nobody up.
      const done = await call<TaskDto>(
        'POST',
        `/networks/tl/tasks/${encodeURIComponent(task)}/complete`,
        stack.key('ILO'),
        { answer: 'concur' },
      );
      expect(done.status).toBe(200);
    } finally {
      await stack.mail.start();
    }
    await waitFor(
      async () => ((await notices(task)).every((n) => n.status === 'sent') ? true : undefined),
      'everything delivered once the server is back (at the next try of its backoff: 2 s, 4 s, 8 s, …)',
      90_000,
    );
    const delivered = (await stack.mail.mails()).filter((m) => keyOf(m).includes(`|${task}|`));
    expect(delivered.map(to).sort()).toEqual(['jpinto@ilo.org', 'msoares@ilo.org']);
    expect([...(await counts()).values()].filter((n) => n > 1)).toEqual([]);
  }, 150_000);

  it('makes a refused address a dead letter, which the coordinator sees and sends again', async () => {
    const nobody = await person({ name: 'Old Address', email: 'left@fao.org', role: 'alternate', agency: 'FAO' });
    stack.mail.refused.add('left@fao.org');
    const wf = await circulate('Adopt the field visit plan', 10 * 60_000);
    const bounced = await waitFor(async () => {
      const r = (
        await call<NotificationPageDto>('GET', '/networks/tl/notifications?status=bounced', coordinator())
      ).body.items.filter((n) => n.personId === nobody.id && n.taskId === `${wf}:concur-or-object:r1:FAO`);
      return r.length === 1 ? r[0] : undefined;
    }, 'the bounce');
    expect(bounced.lastError).toContain('550');
    expect(
      (await call<{ code: string }>('POST', `/networks/tl/notifications/${bounced.id}/retry`, stack.key('auditor')))
        .status,
    ).toBe(403);
    stack.mail.refused.delete('left@fao.org');
    const retried = await call<{ status: string }>(
      'POST',
      `/networks/tl/notifications/${bounced.id}/retry`,
      coordinator(),
    );
    expect(retried.status).toBe(200);
    await waitFor(
      async () =>
        (await call<NotificationDetailDto>('GET', `/networks/tl/notifications/${bounced.id}`, coordinator())).body
          .status === 'sent' || undefined,
      'the retried mail sent',
    );
    const again = await call<{ code: string }>('POST', `/networks/tl/notifications/${bounced.id}/retry`, coordinator());
    expect(again.body.code).toBe('NOT_A_DEAD_LETTER');
    const detail = await call<NotificationDetailDto>('GET', `/networks/tl/notifications/${bounced.id}`, coordinator());
    expect(detail.body.deliveries.map((d) => d.outcome)).toEqual(['bounced', 'sent']);
    expect((await stack.mail.mails()).filter((m) => to(m) === 'left@fao.org')).toHaveLength(1);
  }, 60_000);

  it('invites the members with an iCalendar REQUEST, the next SEQUENCE when the meeting moves, and a CANCEL', async () => {
    const convened = await call<{ id: string; workflowId: string }>('POST', '/networks/tl/meetings', coordinator(), {
      title: 'Ad-hoc: return and reintegration',
      scheduledAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      agendaDueAt: new Date(Date.now() + 4_000).toISOString(),
    });
    expect(convened.status).toBe(201);
    const { id, workflowId } = convened.body;
    /** The invitations of this meeting to Maria, with their calendars parsed (ical.js). */
    const invitations = async (kind: string) =>
      (await stack.mail.mails())
        .filter((m) => keyOf(m).startsWith(`${workflowId}|${kind}`) && to(m) === 'msoares@ilo.org')
        .map((m) => {
          const ics = m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
          const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
          const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
          return { mail: m, method: calendar.getFirstPropertyValue('method'), event };
        });
    const first = await waitFor(
      async () => (await invitations('invitation:'))[0],
      'the invitation once the agenda is out',
      30_000,
    );
    expect(first.mail.subject).toMatch(/^Konvite: Ad-hoc: return and reintegration, /);
    expect(first.method).toBe('REQUEST');
    expect(first.event.uid).toBe(`${workflowId}@mignet`);
    expect(first.event.sequence).toBe(0);
    const scheduled = first.event.startDate.toJSDate().getTime();

    const later = new Date(scheduled + 3_600_000).toISOString();
    const moved = await call('POST', `/networks/tl/meetings/${id}/reschedule`, coordinator(), {
      scheduledAt: later,
      reason: 'The Minister is travelling',
    });
    expect(moved.status).toBe(200);
    const second = await waitFor(async () => {
      const all = await invitations('invitation:');
      return all.length === 2 ? all.find((i) => i.event.sequence === 1) : undefined;
    }, 'the moved invitation');
    expect(second.mail.subject).toMatch(/^Muda ona: /);
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.startDate.toJSDate().toISOString()).toBe(later);

    expect(
      (await call('POST', `/networks/tl/meetings/${id}/cancel`, coordinator(), { reason: 'No quorum' })).status,
    ).toBe(200);
    const cancelled = await waitFor(async () => (await invitations('cancelled'))[0], 'the cancellation');
    expect(cancelled).toMatchObject({ method: 'CANCEL' });
    expect(cancelled.event.uid).toBe(first.event.uid);
    expect(cancelled.event.sequence).toBe(2);
    expect(cancelled.mail.text).toContain('No quorum');
    // One of each per person: the coordinators' and every member's people were invited, each once.
    const all = (await stack.mail.mails()).filter((m) =>
      ['invitation:', 'cancelled|'].some((fact) => keyOf(m).startsWith(`${workflowId}|${fact}`)),
    );
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
    expect(new Set(all.map(to))).toEqual(
      new Set(['msoares@ilo.org', 'jpinto@ilo.org', 'freid@fao.org', 'left@fao.org']),
    );
  }, 60_000);

  it("serves each person's calendar feed with a token of its own: meetings, agenda calls, their agency's due dates", async () => {
    const maria = (
      await call<{ items: PersonDto[] }>('GET', '/networks/tl/people?agency=ILO', coordinator())
    ).body.items.find((p) => p.email === 'msoares@ilo.org')!;
    const convened = await call<{ workflowId: string }>('POST', '/networks/tl/meetings', coordinator(), {
      title: 'Ad-hoc: labour migration statistics',
      scheduledAt: new Date(Date.now() + 20 * 60_000).toISOString(),
    });
    expect(convened.status).toBe(201);
    const wf = await circulate('Adopt the statistics protocol', 10 * 60_000);
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(`${wf}:concur-or-object:r1:ILO`)}`, coordinator()))
          .status === 200 || undefined,
      "ILO's task",
    );
    // Only the person or the coordinator issues it; the URL is shown once.
    expect((await call('POST', `/networks/tl/people/${maria.id}/calendar-feed`, stack.key('ILO'))).status).toBe(403);
    const issued = await call<{ url: string }>('POST', `/networks/tl/people/${maria.id}/calendar-feed`, coordinator());
    expect(issued.status).toBe(201);
    const path = new URL(issued.body.url).pathname + new URL(issued.body.url).search;
    const res = await fetch(`${stack.baseUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`${convened.body.workflowId}@mignet`); // the invitation's UID
    expect(uids).toContain(`${convened.body.workflowId}:agenda-call@mignet`);
    expect(uids).toContain(`${wf}:concur-or-object:r1:ILO@mignet`);
    expect(uids.some((u) => u.includes(':concur-or-object:r1:FAO'))).toBe(false); // another agency's
    expect(events.find((e) => e.uid === `${wf}:concur-or-object:r1:ILO@mignet`)!.summary).toBe(
      'ILO: Konkorda ho proposta ida, ka hato’o objesaun (prazu)',
    );
    // No token, a wrong one, another network's path: refused; a new URL stops the old one.
    expect((await fetch(`${stack.baseUrl}/networks/tl/calendar.ics`)).status).toBe(401);
    expect((await fetch(`${stack.baseUrl}${path.replace('/tl/', '/xx/')}`)).status).toBe(404);
    const again = await call<{ url: string }>('POST', `/networks/tl/people/${maria.id}/calendar-feed`, coordinator());
    const old = await fetch(`${stack.baseUrl}${path}`);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { message: string }).message).toContain('revoked');
    const fresh = new URL(again.body.url);
    expect((await fetch(`${stack.baseUrl}${fresh.pathname}${fresh.search}`)).status).toBe(200);
    expect((await call('POST', `/networks/tl/people/${maria.id}/calendar-feed/revoke`, coordinator())).status).toBe(
      200,
    );
    expect((await fetch(`${stack.baseUrl}${fresh.pathname}${fresh.search}`)).status).toBe(401);
  });

  it("tells a decision's members what became of it: adopted by silence, an objection, a withdrawal", async () => {
    const mailsOf = async (workflowId: string, fact: string) =>
      (await stack.mail.mails()).filter((m) => keyOf(m).startsWith(`${workflowId}|${fact}|`));
    const adopted = await circulate('Adopt the referral pathway', 4_000);
    const told = await waitFor(
      async () => {
        const got = await mailsOf(adopted, 'adopted');
        return got.length >= 3 ? got : undefined;
      },
      'the adoption told',
      30_000,
    );
    expect(told.find((m) => to(m) === 'msoares@ilo.org')!.subject).toBe('Aprova ona: Adopt the referral pathway');
    expect(told.find((m) => to(m) === 'jpinto@ilo.org')!.subject).toBe('Adotada: Adopt the referral pathway');
    expect(told.find((m) => to(m) === 'freid@fao.org')!.text).toContain('by silence procedure');

    const objected = await circulate('Adopt the data-sharing note', 10 * 60_000);
    const fao = `${objected}:concur-or-object:r1:FAO`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(fao)}`, coordinator())).status === 200 || undefined,
      "FAO's task",
    );
    const answer = await call('POST', `/networks/tl/tasks/${encodeURIComponent(fao)}/complete`, stack.key('FAO'), {
      answer: 'object',
      reason: 'Personal data needs a protocol first',
    });
    expect(answer.status).toBe(200);
    const objection = await waitFor(
      async () => (await mailsOf(objected, 'objected:r1')).find((m) => to(m) === 'freid@fao.org'),
      'the objection told',
    );
    expect(objection.subject).toBe('Objection: Adopt the data-sharing note');
    expect(objection.text).toContain('FAO objected to this proposal: "Personal data needs a protocol first"');
    const id = objected.split(':')[2];
    expect(
      (await call('POST', `/networks/tl/decisions/${id}/withdraw`, coordinator(), { reason: 'Superseded' })).status,
    ).toBe(200);
    const withdrawn = await waitFor(
      async () => (await mailsOf(objected, 'withdrawn')).find((m) => to(m) === 'jpinto@ilo.org'),
      'the withdrawal told',
    );
    expect(withdrawn.subject).toBe('Retirada: Adopt the data-sharing note');
    expect(withdrawn.text).toContain('"Superseded"');
  }, 60_000);
});
