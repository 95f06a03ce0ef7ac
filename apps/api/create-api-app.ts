import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import type { Logger as PinoLogger } from 'pino';

import { loadOrCreateSigner } from '../../libs/audit/signing';
import type { Config } from '../../libs/config/config';
import { NestPinoLogger, processLogger } from '../../libs/observability/logger';
import { ApiModule } from './api.module';
import { documentCallers } from './auth/route-policy';
import { AppError } from './common/app-error';
import { sendError } from './common/error-body';
import { ErrorCode } from './common/error-code';
import { documentErrors } from './common/openapi-errors';
import { requestIdMiddleware } from './common/request-id';
import { ApiMetrics } from './metrics/api-metrics';
import { httpObservability } from './metrics/http-observability';
import { webApp } from './web-app';

const JSON_LIMIT = '1mb';

/** Parses JSON bodies, answering a malformed or oversized one with the common error body instead of Express's HTML. */
function jsonBodyParser(): express.RequestHandler {
  const parse = express.json({ limit: JSON_LIMIT });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large')
        return sendError(req, res, new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The body exceeds ${JSON_LIMIT}`));
      return sendError(
        req,
        res,
        new AppError(ErrorCode.MALFORMED_JSON, `The body is not valid JSON: ${(err as Error).message}`),
      );
    });
}

/**
 * Builds the HTTP API (not yet listening): middleware, global guard/pipe/filter, and OpenAPI at /docs and /docs-json;
 * `logger`: the process's, or the levels a test wants (libs/observability/logger.ts, processLogger).
 */
export async function createApiApp(
  config: Config & { databaseUrl: string },
  logger?: PinoLogger | LogLevel[] | false,
): Promise<INestApplication> {
  const log = processLogger(config, 'api', logger);
  const { signer, created } = loadOrCreateSigner(config.auditSigningKeyFile);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, signer), {
    bodyParser: false,
    logger: new NestPinoLogger(log),
  });
  if (created)
    new Logger('audit').log(
      `Made the audit signing key ${config.auditSigningKeyFile} (key id ${signer.keyId}); keep it out of the database's reach`,
    );
  app.disable('x-powered-by');
  // Behind a proxy (docker-compose, a load balancer) the client address is the proxy's unless TRUST_PROXY says how many hops to trust.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  // Not `upgrade-insecure-requests`: over plain HTTP on another host (a container) the docs page would load blank.
  // `same-origin`, not helmet's `no-referrer`: under no-referrer a browser sends `Origin: null` with a form's POST,
  // and the sign-in link's button (a form) would be refused as another site's. Other sites still get no referrer.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(requestIdMiddleware);
  app.use(httpObservability(log, app.get(ApiMetrics)));
  app.use(jsonBodyParser());
  app.use(webApp());
  // The sign-in link's page posts a plain form.
  app.use('/session/link', express.urlencoded({ extended: false, limit: '4kb' }));
  // So does a mail's unsubscribe page, and a mail client's one click (RFC 8058: `List-Unsubscribe=One-Click`).
  app.use(/^\/networks\/[^/]+\/unsubscribe/, express.urlencoded({ extended: false, limit: '4kb' }));
  const document = documentCallers(
    documentErrors(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('mignet')
          .setDescription(
            "The working cycles of a UN country Migration Network. Every route but /health needs 'Authorization: Bearer <API key>'.",
          )
          .setVersion('0.1.0')
          .addBearerAuth()
          .build(),
      ),
      ['/health'],
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
