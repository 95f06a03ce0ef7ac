import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';

import { webhookLabel } from '../../../libs/notifications/webhook-target';
import { NotificationAttemptEntity, OutboxEntity } from '../../../libs/persistence/entities';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import type {
  NotificationDetailDto,
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
} from './notification.dto';

/** What the outbox holds and did, for the coordinator: what was sent to whom, and the dead letters to retry. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(OutboxEntity) private readonly outbox: Repository<OutboxEntity>,
    @InjectRepository(NotificationAttemptEntity) private readonly attempts: Repository<NotificationAttemptEntity>,
  ) {}

  async list(network: string, q: NotificationQueryDto): Promise<NotificationPageDto> {
    const where: FindOptionsWhere<OutboxEntity> = { networkCode: network };
    if (q.status) where.status = q.status;
    if (q.kind) where.kind = q.kind;
    if (q.task) where.taskId = q.task;
    if (q.channel) where.channel = q.channel;
    if (q.webhook) where.webhookId = q.webhook;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.outbox.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toDto), page, pageSize, total };
  }

  async get(network: string, id: string): Promise<NotificationDetailDto> {
    const row = await this.row(network, id);
    const deliveries = await this.attempts.find({ where: { outboxId: row.id }, order: { id: 'ASC' } });
    return {
      ...toDto(row),
      bodyText: row.bodyText,
      deliveries: deliveries.map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, detail: a.detail })),
    };
  }

  /** A dead letter (bounced or failed) goes back to the dispatcher, with its tries counted afresh. */
  async retry(network: string, id: string): Promise<NotificationDto> {
    const row = await this.row(network, id);
    const updated = await this.outbox.update(
      { id: row.id, status: In(['bounced', 'failed']) },
      { status: 'pending', attempts: 0, nextAttemptAt: () => 'now()', lastError: null },
    );
    if (!updated.affected)
      throw new AppError(
        ErrorCode.NOT_A_DEAD_LETTER,
        `Notification ${id} is ${row.status}: only a bounced or failed one is retried`,
      );
    return toDto(await this.row(network, id));
  }

  private async row(network: string, id: string): Promise<OutboxEntity> {
    if (!/^[1-9][0-9]{0,17}$/.test(id))
      throw AppError.validation([{ field: 'id', message: 'must be a notification id (a positive integer)' }]);
    const row = await this.outbox.findOneBy({ id, networkCode: network });
    if (!row) throw new AppError(ErrorCode.NOTIFICATION_NOT_FOUND, `Network "${network}" has no notification ${id}`);
    return row;
  }
}

function toDto(r: OutboxEntity): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    event: r.event,
    taskId: r.taskId,
    personId: r.personId,
    channel: r.channel,
    webhookId: r.webhookId,
    recipient: r.channel === 'webhook' ? webhookLabel(r.recipient) : r.recipient,
    language: r.language,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    digestId: r.digestId,
  };
}
