import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { Language } from '../../../libs/domain/people';
import {
  choicesOf,
  DEFAULT_DIGEST_HOUR,
  DELIVERIES,
  Delivery,
  isWork,
  NOTIFICATION_KINDS,
  NotificationKind,
} from '../../../libs/notifications/kinds';
import { NotificationPreferencesEntity, OutboxEntity } from '../../../libs/persistence/entities';
import type { Principal } from '../auth/principal';
import type { FieldError } from '../../../libs/domain/field-error';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { ownPerson } from './own-person';
import type { PreferencesDto, UpdatePreferencesDto } from './preferences.dto';

const UNSUBSCRIBE_TOKEN = /^[0-9a-f]{64}$/;

/** What a mail's unsubscribe did (or would do): the kind, and where it went. */
export interface Unsubscribed {
  readonly kind: string;
  readonly delivery: Delivery;
  /** The mail's language, which the page answers in. */
  readonly language: Language;
}

/**
 * What each person is told, and how: per kind at once (the default), in a daily digest, or muted (news only: a task
 * of theirs may wait for the digest, never go unsaid). Read when a notice is written, so a change applies to what comes
 * next, not to what the outbox already holds.
 */
@Injectable()
export class PreferencesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(network: string, personId: string, by: Principal): Promise<PreferencesDto> {
    const person = await ownPerson(this.ds, network, personId, by, 'notification preferences');
    return this.read(person.id);
  }

  async update(network: string, personId: string, by: Principal, body: UpdatePreferencesDto): Promise<PreferencesDto> {
    const person = await ownPerson(this.ds, network, personId, by, 'notification preferences');
    const changes = validKinds(body.kinds ?? {});
    await this.ds.transaction(async (tx) => {
      // The row exists before it is locked, so two first changes at once queue up instead of colliding.
      await tx.query(`INSERT INTO notification_preferences (person_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        person.id,
      ]);
      const repo = tx.getRepository(NotificationPreferencesEntity);
      const now = await repo.findOneOrFail({ where: { personId: person.id }, lock: { mode: 'pessimistic_write' } });
      const deliveries = { ...now.deliveries };
      for (const [kind, delivery] of changes)
        if (delivery === 'immediate') delete deliveries[kind];
        else deliveries[kind] = delivery;
      await repo.update({ personId: person.id }, { deliveries, digestHour: body.digestHour ?? now.digestHour });
    });
    return this.read(person.id);
  }

  /**
   * A mail's one-click unsubscribe (RFC 8058): the kind it told stops for its person, muted if it is news, moved to
   * the daily digest if it is their work. The token is that mail's; it changes that one preference and reads nothing.
   */
  async unsubscribe(network: string, token: unknown): Promise<Unsubscribed> {
    const { row, ...done } = await this.unsubscribing(network, token);
    await this.ds.query(
      `INSERT INTO notification_preferences (person_id, deliveries) VALUES ($1, jsonb_build_object($2::text, $3::text))
       ON CONFLICT (person_id) DO UPDATE
         SET deliveries = notification_preferences.deliveries || EXCLUDED.deliveries, updated_at = now()`,
      [row.personId, row.kind, done.delivery],
    );
    return done;
  }

  /** What a mail's unsubscribe token would do, changing nothing: 401 for a token that is no mail's. */
  async unsubscribing(network: string, token: unknown): Promise<Unsubscribed & { row: OutboxEntity }> {
    const row =
      typeof token === 'string' && UNSUBSCRIBE_TOKEN.test(token)
        ? await this.ds.getRepository(OutboxEntity).findOneBy({ unsubscribeToken: token, networkCode: network })
        : null;
    if (!row?.personId)
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'This unsubscribe link is not valid (copy it whole from the mail)');
    const choices = choicesOf(row.kind);
    if (choices.length === 1)
      throw AppError.validation([{ field: 'token', message: `is a ${row.kind} mail's, which is always sent at once` }]);
    return { row, kind: row.kind, delivery: choices.at(-1)!, language: row.language as Language };
  }

  private async read(personId: string): Promise<PreferencesDto> {
    const row = await this.ds.getRepository(NotificationPreferencesEntity).findOneBy({ personId });
    return {
      person: personId,
      digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
      kinds: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        delivery: row?.deliveries[kind] ?? 'immediate',
        work: isWork(kind),
        choices: [...choicesOf(kind)],
      })),
    };
  }
}

/** The body's kinds, each a known kind with a delivery it may have; every refusal names its `kinds.{kind}`. */
function validKinds(kinds: Record<string, unknown>): [NotificationKind, Delivery][] {
  const errors: FieldError[] = [];
  const valid: [NotificationKind, Delivery][] = [];
  for (const [kind, delivery] of Object.entries(kinds)) {
    const field = `kinds.${kind}`;
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind))
      errors.push({ field, message: `is not a kind of notification (${NOTIFICATION_KINDS.join(', ')})` });
    else if (!(DELIVERIES as readonly unknown[]).includes(delivery))
      errors.push({ field, message: `must be one of ${DELIVERIES.join(', ')}` });
    else if (!choicesOf(kind).includes(delivery as Delivery))
      errors.push({
        field,
        message: kind.startsWith('meeting-')
          ? 'carries the invitation that keeps your calendar right: it is sent at once'
          : 'is work of yours to act on: it can wait for the daily digest, not be muted',
      });
    else valid.push([kind as NotificationKind, delivery as Delivery]);
  }
  if (errors.length) throw AppError.validation(errors);
  return valid;
}
