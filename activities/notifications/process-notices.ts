import type { EntityManager } from 'typeorm';

import type { Language } from '../../libs/domain/people';
import { insertOutboxRows, OutboxRow } from './outbox-row';
import { tellWebhooks, webhooksOf } from './webhook-rows';

/** Someone of the network a process's fact is told to. */
export interface Listener {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
}

/** The facts of a process already in the outbox (not its tasks'): what was told before decides what is told now. */
export async function toldBefore(tx: EntityManager, workflowId: string): Promise<string[]> {
  const rows = (await tx.query(`SELECT DISTINCT event FROM outbox WHERE workflow_id = $1 AND task_id IS NULL`, [
    workflowId,
  ])) as { event: string }[];
  return rows.map((r) => r.event);
}

/** The active people of these member agencies (focal points, alternates, TWG leads) and the coordinators. */
export async function listenersOf(
  tx: EntityManager,
  network: string,
  agencies: readonly string[],
): Promise<Listener[]> {
  return (await tx.query(
    `SELECT id, name, email, language FROM people
      WHERE network_code = $1 AND active
        AND (role = 'coordinator' OR (agency_code = ANY($2) AND role IN ('focal-point', 'alternate', 'twg-lead')))
      ORDER BY id`,
    [network, agencies],
  )) as Listener[];
}

/** The network's name and time zone, which every mail is written in. */
export async function networkOf(
  tx: EntityManager,
  code: string,
): Promise<{ name: string; timeZone: string } | undefined> {
  const [row] = (await tx.query(`SELECT name, time_zone FROM networks WHERE code = $1`, [code])) as {
    name: string;
    time_zone: string;
  }[];
  return row && { name: row.name, timeZone: row.time_zone };
}

/**
 * One fact of a process to each listener, under the key `{workflow}|{fact}|{person}`, and to the network's webhooks that
 * ask for its kind; how many rows were written.
 */
export async function tellEach(
  tx: EntityManager,
  fact: {
    readonly network: string;
    readonly workflowId: string;
    readonly kind: string;
    readonly event: string;
    readonly link?: string;
  },
  listeners: readonly Listener[],
  render: (listener: Listener) => OutboxRow['mail'],
): Promise<number> {
  let written = await tellWebhooks(
    tx,
    {
      ...fact,
      key: `${fact.workflowId}|${fact.event}`,
      // A channel is nobody in particular: rendered for an English reader at a reserved address (RFC 2606).
      words: () => render({ id: '', name: 'mignet', email: 'webhook@mignet.invalid', language: 'en' }),
    },
    await webhooksOf(tx, fact.network),
  );
  written += await insertOutboxRows(
    tx,
    listeners.map((l) => ({
      ...fact,
      key: `${fact.workflowId}|${fact.event}|${l.id}`,
      personId: l.id,
      recipient: l.email,
      language: l.language,
      mail: render(l),
    })),
  );
  return written;
}
