import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { IsNull, Not, Repository } from 'typeorm';

import { AgencyEntity, ApiKeyEntity, CycleEntity, NetworkEntity, TaskEntity } from '../../../libs/persistence/entities';
import { generateApiKey, hashApiKey } from '../../../libs/persistence/seeds/seed';
import { memberLeftSignal } from '../../../libs/processes/task-messages';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { TemporalClientService } from '../temporal/temporal-client.service';

/** The member agencies of a network, and an agency leaving it. */
@Injectable()
export class MembersService {
  private readonly log = new Logger(MembersService.name);

  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
  ) {}

  async list(network: string) {
    const rows = await this.agencies.find({ where: { networkCode: network }, order: { code: 'ASC' } });
    return {
      items: rows.map((a) => ({
        code: a.code,
        name: a.name,
        joinedAt: a.joinedAt.toISOString(),
        leftAt: isoOrNull(a.leftAt),
      })),
    };
  }

  /**
   * An agency joins (an "other interested UN agency", ToR Members), or one that left joins again. It is asked by every
   * process that opens tasks from then on, as each reads the members when it does: the next agenda call, a decision
   * circulated, the next cycle's contribution round, a TWG round of a TWG it is a member of. Tasks already open are not
   * reopened for it (a running cycle's contribution round does not wait for it). It gets a key of its own, shown once;
   * the keys it had before it left stay revoked.
   */
  async join(network: string, code: string, name: string) {
    if (name === '') throw AppError.validation([{ field: 'name', message: 'must not be blank' }]);
    const existing = await this.agencies.findOneBy({ networkCode: network, code });
    const key = generateApiKey(network);
    const label = `member:agency:${code}`;
    const joinedAt = await this.agencies.manager.transaction(async (tx) => {
      const now = new Date();
      // One statement decides: a new member, or one that had left, joins; of two joins at once, one does.
      const joined = (await tx.query(
        `INSERT INTO agencies (network_code, code, name, joined_at, left_at) VALUES ($1, $2, $3, $4, NULL)
         ON CONFLICT (network_code, code) DO UPDATE SET name = EXCLUDED.name, joined_at = EXCLUDED.joined_at, left_at = NULL
         WHERE agencies.left_at IS NOT NULL RETURNING code`,
        [network, code, name, now],
      )) as unknown[];
      if (joined.length === 0)
        throw new AppError(ErrorCode.MEMBER_EXISTS, `${code} is a member of the Network already`, [
          { field: 'agency', message: 'is a member already' },
        ]);
      await tx
        .getRepository(ApiKeyEntity)
        .update({ networkCode: network, agencyCode: code, revokedAt: IsNull() }, { revokedAt: now });
      await tx
        .getRepository(ApiKeyEntity)
        .insert({ networkCode: network, role: 'agency', agencyCode: code, keyHash: hashApiKey(key), label });
      return now;
    });
    this.log.log(
      `${code} joined network ${network}${existing ? ` again (it had left on ${isoOrNull(existing.leftAt)})` : ''}`,
    );
    return {
      code,
      name,
      joinedAt: joinedAt.toISOString(),
      leftAt: null,
      key: { label, role: 'agency', agency: code, key },
    };
  }

  /**
   * The agency leaves: it is asked nothing more. Every running process that waits on it, or may ask it later (the
   * network's open cycles), is told, and closes the agency's open tasks with the reason; its keys stop working.
   * Sending it again re-notifies the processes (a retry after a failure half-way) and keeps the first date.
   */
  async leave(network: string, code: string, reason: string) {
    const agency = await this.agencies.findOneBy({ networkCode: network, code });
    if (!agency)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `Network "${network}" has no member ${code}`, [
        { field: 'agency', message: 'must be a member agency' },
      ]);
    const { coordinatorAgency } = await this.networks.findOneByOrFail({ code: network });
    if (code === coordinatorAgency)
      throw new AppError(
        ErrorCode.PHASE_CLOSED,
        `${code} coordinates the Network: hand the coordination over before it leaves`,
      );
    if (!agency.leftAt) await this.agencies.update({ networkCode: network, code }, { leftAt: new Date() });
    const leftAt = (await this.agencies.findOneByOrFail({ networkCode: network, code })).leftAt!;

    const waiting = await this.tasks
      .createQueryBuilder('t')
      .select('DISTINCT t.process', 'process')
      .where('t.network_code = :network AND t.assignee = :code AND t.assignee_role = :role AND t.status = :status', {
        network,
        code,
        role: 'agency',
        status: 'open',
      })
      .getRawMany<{ process: string }>();
    const openCycles = await this.cycles.find({ where: { networkCode: network, phase: Not('CLOSED') } });
    const processes = [...new Set([...waiting.map((w) => w.process), ...openCycles.map((c) => c.workflowId)])].sort();
    const notified: string[] = [];
    for (const process of processes) {
      try {
        await this.temporal.call(
          () => this.temporal.client.workflow.getHandle(process).signal(memberLeftSignal, { agency: code, reason }),
          'command',
        );
        notified.push(process);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        this.log.warn(`${process} has ended; ${code} leaving changes nothing there`);
      }
    }
    return { code, leftAt: leftAt.toISOString(), reason, processesNotified: notified };
  }
}
