import { randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { tellWebhooks } from '../../../activities/notifications/webhook-rows';
import type { Config } from '../../../libs/config/config';
import { webhookLabel, webhookTargetProblem } from '../../../libs/notifications/webhook-target';
import { WebhookEntity } from '../../../libs/persistence/entities';
import { CONFIG } from '../../common/config.token';
import { personOf, type Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { UUID } from '../common/uuid';
import type { CreatedWebhookDto, CreateWebhookDto, WebhookDto } from './webhook.dto';

/**
 * A network's webhooks: where its notifications are also POSTed, signed. A URL is refused unless it is http(s) and
 * reaches a public address (or a host the deployment allows); deliveries are outbox rows, listed with the others.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async create(network: string, body: CreateWebhookDto, by: Principal): Promise<CreatedWebhookDto> {
    const problem = await webhookTargetProblem(body.url, this.config.webhookAllowHosts);
    if (problem) throw AppError.validation([{ field: 'url', message: problem }]);
    if (body.kinds?.length === 0)
      throw AppError.validation([
        { field: 'kinds', message: 'must name at least one kind (leave it out for every kind)' },
      ]);
    const kinds = body.kinds ? [...new Set(body.kinds)] : null;
    const saved = await this.ds.getRepository(WebhookEntity).save({
      networkCode: network,
      url: body.url,
      secret: `whsec_${randomBytes(32).toString('base64url')}`,
      kinds,
      description: body.description ?? null,
      createdBy: personOf(by),
      revokedAt: null,
    });
    // The one answer with the whole URL (and the secret): the coordinator who sent it.
    return { ...toDto(saved), url: saved.url, secret: saved.secret };
  }

  async list(network: string): Promise<WebhookDto[]> {
    const rows = await this.ds
      .getRepository(WebhookEntity)
      .find({ where: { networkCode: network }, order: { createdAt: 'ASC' } });
    return rows.map(toDto);
  }

  /** Nothing more is written for it; what the outbox holds for it fails with the reason when its turn comes. */
  async revoke(network: string, id: string): Promise<WebhookDto> {
    const hook = await this.hook(network, id);
    if (!hook.revokedAt)
      await this.ds.getRepository(WebhookEntity).update({ id: hook.id }, { revokedAt: () => 'now()' });
    return toDto(await this.hook(network, id));
  }

  /** A test message to it, through the outbox like any other: its notification id, to watch the outcome. */
  async ping(network: string, id: string): Promise<{ notification: string }> {
    const hook = await this.hook(network, id);
    if (hook.revokedAt) throw AppError.validation([{ field: 'id', message: 'is a revoked webhook' }]);
    const event = `test:${randomUUID()}`;
    const key = await this.ds.transaction(async (tx) => {
      const fact = {
        network,
        key: `webhook:${hook.id}|${event}`,
        kind: 'webhook-test',
        event,
        workflowId: `webhook:${hook.id}`,
        words: () => ({
          subject: 'mignet: a test message to this webhook',
          text: 'If you read this here, the webhook works.',
        }),
      };
      // Only this webhook, whatever kinds it asks for: it is the one asked about.
      await tellWebhooks(tx, fact, [{ id: hook.id, url: hook.url, kinds: null }]);
      return `${fact.key}|webhook:${hook.id}`;
    });
    const [row] = (await this.ds.query(`SELECT id FROM outbox WHERE idempotency_key = $1`, [key])) as { id: string }[];
    // Revoked meanwhile (between the read above and the write): nothing was written.
    if (!row) throw AppError.validation([{ field: 'id', message: 'is a revoked webhook' }]);
    return { notification: row.id };
  }

  private async hook(network: string, id: string): Promise<WebhookEntity> {
    if (!UUID.test(id)) throw AppError.validation([{ field: 'id', message: 'must be a webhook id (a UUID)' }]);
    const hook = await this.ds.getRepository(WebhookEntity).findOneBy({ id, networkCode: network });
    if (!hook) throw new AppError(ErrorCode.WEBHOOK_NOT_FOUND, `Network "${network}" has no webhook ${id}`);
    return hook;
  }
}

function toDto(w: WebhookEntity): WebhookDto {
  return {
    id: w.id,
    url: webhookLabel(w.url),
    kinds: w.kinds,
    description: w.description,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    revokedAt: w.revokedAt?.toISOString() ?? null,
  };
}
