import type { EntityManager } from 'typeorm';

/** One fact as the network's webhooks are told it: in English (a channel has no one language), with its link. */
export interface WebhookFact {
  readonly network: string;
  /** The fact's key without a person (`{workflow}|{fact}`, `{workflow}|{task}|{fact}`); each webhook's row adds its id. */
  readonly key: string;
  readonly kind: string;
  readonly event: string;
  readonly workflowId: string;
  readonly taskId?: string;
  readonly link?: string;
  /** Its English words, rendered only when a webhook is told (most networks have none). */
  readonly words: () => { readonly subject: string; readonly text: string };
}

/** A webhook as the notices read it: where it goes, and the kinds it asks for (null: all). */
export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly kinds: readonly string[] | null;
}

/** The network's active webhooks: read once per projection, however many facts it tells. */
export async function webhooksOf(tx: EntityManager, network: string): Promise<Webhook[]> {
  return (await tx.query(`SELECT id, url, kinds FROM webhooks WHERE network_code = $1 AND revoked_at IS NULL`, [
    network,
  ])) as Webhook[];
}

/**
 * A row for each of these webhooks that asks for the fact's kind, under the key `{fact}|webhook:{id}`: the JSON body
 * it is POSTed (`text` first, what Slack- and Teams-style incoming webhooks show; the rest for any other receiver).
 */
export async function tellWebhooks(tx: EntityManager, fact: WebhookFact, all: readonly Webhook[]): Promise<number> {
  const hooks = all.filter((h) => !h.kinds || h.kinds.includes(fact.kind));
  if (hooks.length === 0) return 0;
  const { subject, text } = fact.words();
  let written = 0;
  for (const hook of hooks) {
    const key = `${fact.key}|webhook:${hook.id}`;
    const body = JSON.stringify({
      text: fact.link ? `${subject}\n${fact.link}` : subject,
      id: key,
      network: fact.network,
      kind: fact.kind,
      event: fact.event,
      workflowId: fact.workflowId,
      taskId: fact.taskId ?? null,
      subject,
      summary: text.split('\n--\n')[0].trim(), // not a mail's footer, which speaks to its one reader
      link: fact.link ?? null,
    });
    const inserted = (await tx.query(
      `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, task_id, channel, webhook_id,
                           recipient, language, subject, body_text, body_html, link)
       VALUES ($1, $2, $3, $4, $5, $6, 'webhook', $7, $8, 'en', $9, $10, '', $11)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        fact.network,
        key,
        fact.kind,
        fact.event,
        fact.workflowId,
        fact.taskId ?? null,
        hook.id,
        hook.url,
        subject,
        body,
        fact.link ?? null,
      ],
    )) as unknown[];
    written += inserted.length;
  }
  return written;
}
