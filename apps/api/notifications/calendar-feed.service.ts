import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { actingRoleOf } from '../../../libs/domain/people';
import { calendarFeed } from '../../../libs/notifications/calendar-feed';
import {
  CalendarTokenEntity,
  CycleEntity,
  MeetingEntity,
  NetworkEntity,
  PersonEntity,
  TaskEntity,
} from '../../../libs/persistence/entities';
import { hashApiKey } from '../../../libs/persistence/seeds/seed';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { ownPerson } from './own-person';

const TOKEN = /^mc_[A-Za-z0-9_-]{43}$/;

/**
 * Calendar feeds: each person's, read by a calendar program with a token of its own in the URL (a calendar cannot sign
 * in, and an API key in a URL would leak far more). A token reads that one feed; a new one revokes the old.
 */
@Injectable()
export class CalendarFeedService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A new feed URL for the person (shown once), revoking their earlier ones. */
  async issue(network: string, personId: string, by: Principal, origin: string) {
    const person = await this.person(network, personId, by);
    const token = `mc_${randomBytes(32).toString('base64url')}`;
    await this.ds.transaction(async (tx) => {
      await tx.query(`UPDATE calendar_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`, [
        person.id,
      ]);
      await tx.getRepository(CalendarTokenEntity).insert({ personId: person.id, tokenHash: hashApiKey(token) });
    });
    return { url: `${origin}/networks/${network}/calendar.ics?token=${token}`, person: person.id };
  }

  /** The person's feed URLs stop at once. */
  async revoke(network: string, personId: string, by: Principal) {
    const person = await this.person(network, personId, by);
    const revoked = (await this.ds.query(
      `UPDATE calendar_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL RETURNING id`,
      [person.id],
    )) as unknown[];
    return {
      person: person.id,
      revoked: Array.isArray(revoked[0]) ? (revoked[0] as unknown[]).length : revoked.length,
    };
  }

  /** The feed a token reads: 401 for a token that is not valid (or revoked), 404 in another network. */
  async feed(network: string, token: unknown): Promise<string> {
    if (typeof token !== 'string' || !TOKEN.test(token))
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'The calendar feed needs its token (?token=…, as it was issued)');
    const row = await this.ds.getRepository(CalendarTokenEntity).findOne({
      where: { tokenHash: hashApiKey(token) },
      relations: { person: true },
    });
    if (!row?.person) throw new AppError(ErrorCode.UNAUTHENTICATED, 'This calendar feed token is not valid');
    if (row.revokedAt)
      throw new AppError(ErrorCode.UNAUTHENTICATED, `This calendar feed was revoked on ${row.revokedAt.toISOString()}`);
    const person = row.person;
    if (person.networkCode !== network)
      throw new AppError(ErrorCode.NETWORK_NOT_FOUND, `Network "${network}" has no such calendar feed`);
    if (!person.active)
      throw new AppError(ErrorCode.UNAUTHENTICATED, `${person.name} is no longer active in the network`);
    void this.ds
      .query(
        `UPDATE calendar_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.id],
      )
      .catch(() => undefined);
    const net = await this.ds.getRepository(NetworkEntity).findOneByOrFail({ code: network });
    const role = actingRoleOf(person.role);
    const recent = new Date(Date.now() - 30 * 86_400_000);
    const meetings = (await this.ds.getRepository(MeetingEntity).find({ where: { networkCode: network } })).filter(
      (m) => m.cancelled === null && m.scheduledAt >= recent,
    );
    const tasks =
      role === 'agency' || role === 'coordinator'
        ? await this.ds.getRepository(TaskEntity).find({
            where:
              role === 'agency'
                ? { networkCode: network, status: 'open', assignee: person.agencyCode!, assigneeRole: 'agency' }
                : { networkCode: network, status: 'open', assigneeRole: 'coordinator' },
            order: { dueAt: 'ASC' },
          })
        : [];
    const cycles = (await this.ds.getRepository(CycleEntity).find({ where: { networkCode: network } })).filter(
      (c) => c.phase !== 'CLOSED',
    );
    return calendarFeed({
      language: person.language,
      network: { name: net.name, timeZone: net.timeZone },
      meetings,
      tasks,
      cycles: cycles.map((c) => ({ workflowId: c.workflowId, year: c.year, deadlines: c.calendar.deadlines })),
    });
  }

  private person(network: string, id: string, by: Principal): Promise<PersonEntity> {
    return ownPerson(this.ds, network, id, by, 'calendar feed');
  }
}
