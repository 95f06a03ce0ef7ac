import { createHash, createHmac } from 'node:crypto';

import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

import { insertOutboxRows } from '../../activities/notifications/outbox-row';
import type { Config } from '../../libs/config/config';
import type { Language } from '../../libs/domain/people';
import { renderDigestMail } from '../../libs/notifications/digest-mail';
import { choicesOf } from '../../libs/notifications/kinds';
import { deliveryProblem, InternalAddressError, webhookLabel } from '../../libs/notifications/webhook-target';
import { CONFIG } from '../common/config.token';
import { WORKER_DATA_SOURCE } from './temporal-worker.service';
import { postWebhook } from './webhook-post';

/**
 * Rows one round sends at most, and their lease: longer than the slowest round (the timeouts below, on a few pooled
 * connections), short enough that the rows of a dispatcher that died are taken over soon after.
 */
const BATCH = 20;
const LEASE_S = 30;
/** Tries before a temporary failure becomes `failed` (about 4 h of backoff in all), and the backoff's bounds. */
export const MAX_ATTEMPTS = 10;
const BACKOFF_MS = { first: 2_000, max: 30 * 60_000 } as const;

/** The people whose digests one round makes at most (the others' wait for the next round, a poll later). */
const DIGEST_PEOPLE = 50;

/** How long a webhook's receiver has to answer. */
const WEBHOOK_TIMEOUT_MS = 10_000;

interface Claimed {
  id: string;
  idempotency_key: string;
  kind: string;
  channel: 'email' | 'webhook';
  webhook_id: string | null;
  unsubscribe_token: string | null;
  network_code: string;
  person_id: string | null;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  calendar: string | null;
  calendar_method: 'REQUEST' | 'CANCEL' | null;
  attempts: number;
}

/**
 * Delivers the outbox: claims due rows with a lease (`FOR UPDATE SKIP LOCKED`, so several workers share the work and
 * a dead one's rows are taken over when its lease lapses), sends each over SMTP, and records every attempt. A refusal
 * of the address (a 5xx answer) is `bounced`; anything else (no connection, a 4xx) is retried with exponential
 * backoff, then `failed`. Never in a workflow's way: it runs beside the Temporal worker, and a mail server that is
 * down only makes mail wait. A row's Message-ID is derived from its idempotency key, so a resend after a crash between
 * the server's "250" and the row's `sent` (the one window left) is the same message to any mail system that dedupes.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('outbox');
  private transport?: Transporter;
  private stopped = false;
  private running?: Promise<void>;
  private readonly wakes = new Set<() => void>();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @InjectDataSource(WORKER_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl)
      this.log.warn('SMTP_URL is not set: mail waits in the outbox until a worker with SMTP_URL runs (webhooks go)');
    else {
      this.transport = createTransport(
        // A few pooled connections: one per message would cost a TCP and SMTP handshake each.
        {
          url: this.config.smtpUrl,
          pool: true,
          maxConnections: 4,
          connectionTimeout: 5_000,
          greetingTimeout: 5_000,
          socketTimeout: 15_000,
        },
        { from: this.config.mailFrom },
      );
      this.log.log(`Sending mail through ${redacted(this.config.smtpUrl)} as ${this.config.mailFrom}`);
    }
    // Two loops, one per channel: a slow webhook receiver never delays a mail, nor a slow mail server a webhook.
    this.running = Promise.all([this.loop('webhook'), ...(this.transport ? [this.loop('email')] : [])]).then(
      () => undefined,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakes) wake();
    await this.running;
    this.transport?.close();
  }

  private async loop(channel: 'email' | 'webhook'): Promise<void> {
    const warn = (what: string) => (err: unknown) => {
      this.log.warn(`${what} (${err instanceof Error ? err.message : String(err)}); trying again`);
      return 0;
    };
    while (!this.stopped) {
      // A digest that cannot be made (whatever the reason) holds up no other mail.
      if (channel === 'email') await this.digestOnce().catch(warn('The digests could not be made'));
      const sent = await this.dispatchOnce(channel).catch(warn(`The outbox's ${channel} rows could not be read`));
      if (sent < BATCH && !this.stopped)
        await new Promise<void>((resolve) => {
          this.wakes.add(resolve);
          setTimeout(() => {
            this.wakes.delete(resolve);
            resolve();
          }, this.config.outboxPollMs).unref();
        });
    }
  }

  /** One round of a channel: claims up to BATCH due rows and delivers them; how many it claimed. */
  async dispatchOnce(channel: 'email' | 'webhook'): Promise<number> {
    const claimed = rowsOf<Claimed>(
      await this.dataSource.query(
        `UPDATE outbox SET status = 'sending', locked_until = now() + interval '${LEASE_S} seconds', attempts = attempts + 1
          WHERE id IN (SELECT id FROM outbox
                        WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                          AND (locked_until IS NULL OR locked_until < now()) AND channel = $1
                        ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id, idempotency_key, kind, channel, webhook_id, unsubscribe_token, network_code, person_id, recipient,
                  subject, body_text, body_html, calendar, calendar_method, attempts`,
        [channel],
      ),
    );
    await Promise.all(claimed.map((row) => (row.channel === 'webhook' ? this.post(row) : this.deliver(row))));
    return claimed.length;
  }

  /**
   * Makes the digests that are due: each person's held rows whose digest hour has come, gathered into one digest row
   * (pending, sent like any other), each person in a transaction of their own, so one that fails holds up nobody
   * else's. The held rows become `digested`, naming it, in that transaction: a crash before the commit leaves them
   * held, after it the digest is in the outbox; either way it is written once. Its key names its first row.
   */
  async digestOnce(): Promise<number> {
    const due = rowsOf<{ person_id: string }>(
      await this.dataSource.query(
        `SELECT DISTINCT person_id FROM outbox WHERE status = 'held' AND next_attempt_at <= now() LIMIT ${DIGEST_PEOPLE}`,
      ),
    );
    let made = 0;
    for (const { person_id } of due)
      made += await this.digestOf(person_id).catch((err: unknown) => {
        this.log.warn(`The digest of person ${person_id} could not be made: ${String(err)}`);
        return 0;
      });
    return made;
  }

  private async digestOf(person: string): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      // One maker of a person's digest at a time: two workers would each take part of their rows, and send two.
      const [{ locked }] = rowsOf<{ locked: boolean }>(
        await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('mignet-digest:' || $1)) AS locked`, [person]),
      );
      if (!locked) return 0;
      const rows = rowsOf<Held>(
        await tx.query(
          `SELECT o.id, o.network_code, o.subject, o.link, o.created_at, p.email, p.language,
                  n.name AS network_name, n.time_zone
             FROM outbox o JOIN people p ON p.id = o.person_id JOIN networks n ON n.code = o.network_code
            WHERE o.person_id = $1 AND o.status = 'held' AND o.next_attempt_at <= now()
            ORDER BY o.id FOR UPDATE OF o`,
          [person],
        ),
      );
      if (rows.length === 0) return 0;
      const first = rows[0];
      const key = `digest|${person}|${first.id}`;
      await insertOutboxRows(tx, [
        {
          network: first.network_code,
          key,
          kind: 'digest',
          event: `digest:${first.id}`,
          workflowId: `digest:${first.network_code}`,
          personId: person,
          recipient: first.email,
          language: first.language,
          mail: renderDigestMail({
            language: first.language,
            network: { name: first.network_name, timeZone: first.time_zone },
            items: rows.map((r) => ({ subject: r.subject, at: r.created_at, link: r.link })),
            preferences: `${this.base}/networks/${first.network_code}/people/${person}/notification-preferences`,
          }),
        },
      ]);
      await tx.query(
        `UPDATE outbox SET status = 'digested', digest_id = (SELECT id FROM outbox WHERE idempotency_key = $1)
          WHERE id = ANY($2)`,
        [key, rows.map((r) => r.id)],
      );
      return 1;
    });
  }

  /** The deployment's address, which the mails' links start with. */
  private get base(): string {
    return this.config.publicUrl ?? `http://localhost:${this.config.port}`;
  }

  private async deliver(row: Claimed): Promise<void> {
    const base = this.base;
    try {
      const info = (await this.transport!.sendMail({
        to: row.recipient,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
        // A meeting's invitation: the text/calendar part calendars act on (and an .ics attachment for the rest).
        ...(row.calendar
          ? { icalEvent: { method: row.calendar_method!, filename: 'invitation.ics', content: row.calendar } }
          : {}),
        messageId: `<${createHash('sha256').update(row.idempotency_key).digest('hex').slice(0, 32)}@mignet>`,
        headers: {
          'X-Mignet-Idempotency-Key': row.idempotency_key,
          // One click (RFC 8058) stops this kind for this person: muted if news, to the digest if their work (not a
          // meeting's, always sent at once, nor a digest).
          ...(row.unsubscribe_token && choicesOf(row.kind).length > 1
            ? {
                'List-Unsubscribe': `<${base}/networks/${row.network_code}/unsubscribe?token=${row.unsubscribe_token}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
      })) as { response?: string };
      await this.settle(row, 'sent', info.response ?? 'accepted');
    } catch (err) {
      const e = err as { responseCode?: number; message?: string };
      const why = e.message ?? String(err);
      if (e.responseCode !== undefined && e.responseCode >= 500) await this.settle(row, 'bounced', why);
      else if (row.attempts >= MAX_ATTEMPTS) await this.settle(row, 'failed', why);
      else await this.settle(row, 'retry', why);
    }
  }

  /**
   * A webhook's delivery: its JSON POSTed with `X-Mignet-Signature: t={unix seconds},v1={hex HMAC-SHA256 of
   * "{t}.{body}" under the webhook's secret}`, so a receiver checks it came from here and is recent. The connection
   * goes only to an address the SSRF check lets through (checked on the resolution it connects with); redirects are
   * not followed. A 2xx is `sent`; another 4xx (but 408 and 429) or a 3xx is the receiver's refusal, `bounced`; an
   * inside address is `failed` at once; the rest (5xx, no answer, a resolver that failed) is retried like mail.
   */
  private async post(row: Claimed): Promise<void> {
    const [hook] = rowsOf<{ secret: string; revoked_at: Date | null }>(
      await this.dataSource.query(`SELECT secret, revoked_at FROM webhooks WHERE id = $1`, [row.webhook_id]),
    );
    if (!hook || hook.revoked_at) return this.settle(row, 'failed', 'the webhook was revoked');
    const problem = deliveryProblem(row.recipient, this.config.webhookAllowHosts);
    if (problem) return this.settle(row, 'failed', `the webhook URL ${problem}`);
    const t = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', hook.secret).update(`${t}.${row.body_text}`).digest('hex');
    try {
      const res = await postWebhook(
        row.recipient,
        row.body_text,
        {
          'content-type': 'application/json',
          'user-agent': 'mignet-webhooks',
          'x-mignet-signature': `t=${t},v1=${signature}`,
          'x-mignet-idempotency-key': row.idempotency_key,
        },
        this.config.webhookAllowHosts,
        WEBHOOK_TIMEOUT_MS,
      );
      const answer = `HTTP ${res.status} ${res.text}`.trim();
      if (res.status >= 200 && res.status < 300) return this.settle(row, 'sent', answer);
      const refused = res.status < 500 && res.status !== 408 && res.status !== 429;
      if (refused) return this.settle(row, 'bounced', answer);
      return this.settle(row, row.attempts >= MAX_ATTEMPTS ? 'failed' : 'retry', answer);
    } catch (err) {
      if (err instanceof InternalAddressError) return this.settle(row, 'failed', `the webhook URL ${err.message}`);
      const why =
        err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}` : String(err);
      return this.settle(row, row.attempts >= MAX_ATTEMPTS ? 'failed' : 'retry', why);
    }
  }

  /** Records the attempt and the row's outcome in one transaction. */
  private async settle(row: Claimed, outcome: 'sent' | 'bounced' | 'failed' | 'retry', detail: string): Promise<void> {
    const backoff = Math.min(BACKOFF_MS.first * 2 ** (row.attempts - 1), BACKOFF_MS.max);
    await this.dataSource
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO notification_attempts (outbox_id, outcome, detail) VALUES ($1, $2, $3)`, [
          row.id,
          outcome,
          detail.slice(0, 2_000),
        ]);
        await tx.query(
          outcome === 'retry'
            ? `UPDATE outbox SET status = 'pending', locked_until = NULL, last_error = $2,
                      next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`
            : `UPDATE outbox SET status = $3, locked_until = NULL, last_error = $2,
                      sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END WHERE id = $1`,
          [row.id, outcome === 'sent' ? null : detail.slice(0, 2_000), outcome === 'retry' ? String(backoff) : outcome],
        );
      })
      .catch((err: unknown) => {
        // The lease lapses and the row is sent again: PostgreSQL lost what was done, not the mail.
        this.log.warn(`Row ${row.id}'s outcome (${outcome}) could not be recorded: ${String(err)}`);
      });
    if (outcome === 'bounced' || outcome === 'failed')
      this.log.warn(
        row.channel === 'webhook' // its URL is the channel's credential: the origin only
          ? `Webhook delivery ${row.id} to ${webhookLabel(row.recipient)} ${outcome}: ${detail}`
          : `Mail ${row.id} to ${row.recipient} ${outcome}: ${detail}`,
      );
  }
}

interface Held {
  id: string;
  network_code: string;
  subject: string;
  link: string | null;
  created_at: Date;
  email: string;
  language: Language;
  network_name: string;
  time_zone: string;
}

/** What `query` answers for an UPDATE … RETURNING: the rows, or [rows, count] (TypeORM's pg driver). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** An SMTP URL without its password, for a log line. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
