import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

import type { AuditAnchor } from '../persistence/audit-chain';

/**
 * The heads of the audit chain an `audit-anchor:{network}` history recorded: the results of its `readAuditHead`
 * activities, in order (a reading of an empty log records nothing).
 */
export function anchorsInHistory(history: temporal.api.history.v1.IHistory): AuditAnchor[] {
  const readings = new Set<string>();
  const anchors: AuditAnchor[] = [];
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'readAuditHead') readings.add(String(e.eventId));
    const done = e.activityTaskCompletedEventAttributes;
    if (!done || !readings.has(String(done.scheduledEventId))) continue;
    const payload = done.result?.payloads?.[0];
    const head = payload ? defaultPayloadConverter.fromPayload<AuditAnchor | null>(payload) : null;
    if (head && Number.isInteger(head.seq) && typeof head.hash === 'string') {
      anchors.push({
        seq: head.seq,
        hash: head.hash,
        at: head.at,
        ...(Number.isInteger(head.firstSignedSeq) ? { firstSignedSeq: head.firstSignedSeq } : {}),
      });
    }
  }
  return anchors;
}
