import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { loadConfig } from '../../libs/config/config';
import { addToLogContext, outsideLogContext, withLogContext } from '../../libs/observability/log-context';
import { createLogger, NestPinoLogger, processLogger, TemporalPinoLogger } from '../../libs/observability/logger';

const capture = (format: 'json' | 'text' = 'json') => {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    format,
    service: 'test',
    destination: { write: (l) => void lines.push(l) },
  });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe('structured logs', () => {
  it('puts the context of the current request on every line written inside it, and only there', () => {
    const { logger, json } = capture();
    withLogContext({ requestId: 'r1' }, () => {
      logger.info('before the guard');
      addToLogContext({ network: 'tl', person: 'ILO agency (key k1)' });
      addToLogContext({ workflowId: 'annual-cycle:tl:2031' });
      logger.info({ context: 'http' }, 'after');
    });
    logger.info('outside');
    expect(json().map(({ time: _t, ...l }) => l)).toEqual([
      { level: 'info', service: 'test', requestId: 'r1', msg: 'before the guard' },
      {
        level: 'info',
        service: 'test',
        requestId: 'r1',
        network: 'tl',
        person: 'ILO agency (key k1)',
        workflowId: 'annual-cycle:tl:2031',
        context: 'http',
        msg: 'after',
      },
      { level: 'info', service: 'test', msg: 'outside' },
    ]);
  });

  it("keeps each request's context apart when requests interleave", async () => {
    const { logger, json } = capture();
    const request = (id: string, network: string, wait: number) =>
      withLogContext({ requestId: id }, async () => {
        await new Promise((r) => setTimeout(r, wait));
        addToLogContext({ network });
        await new Promise((r) => setTimeout(r, wait));
        logger.info('done');
      });
    await Promise.all([request('a', 'tl', 20), request('b', 'xx', 5)]);
    expect(json().map((l) => [l.requestId, l.network])).toEqual([
      ['b', 'xx'],
      ['a', 'tl'],
    ]);
  });

  it("writes Nest's lines with their context, its start-up chatter at debug, and the Temporal SDK's at its level", () => {
    const { logger, json } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Made the audit signing key', 'audit');
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.error('It failed', 'Error: It failed\n    at x', 'worker');
    new TemporalPinoLogger(logger).warn('Worker state changed', { sdkComponent: 'worker', taskQueue: 'q' });
    expect(json().map((l) => [l.level, l.context, l.msg])).toEqual([
      ['info', 'audit', 'Made the audit signing key'],
      ['debug', 'RouterExplorer', 'Mapped {/health, GET} route'],
      ['error', 'worker', 'It failed'],
      ['warn', 'temporal', 'Worker state changed'],
    ]);
    expect(json()[2].stack).toContain('at x');
    expect(json()[3]).toMatchObject({ sdkComponent: 'worker', taskQueue: 'q' });
  });

  it("runs background work started by a request outside that request's context", async () => {
    const { logger, json } = capture();
    await withLogContext({ requestId: 'r2' }, () =>
      outsideLogContext(() => new Promise<void>((resolve) => setTimeout(() => (logger.info('later'), resolve()), 5))),
    );
    expect(json()[0].requestId).toBeUndefined();
  });

  it('prints the same fields as text for a terminal', () => {
    const { logger, lines } = capture('text');
    withLogContext({ requestId: 'r9', network: 'tl' }, () =>
      logger.info({ context: 'http', status: 201 }, 'request completed'),
    );
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  \[http\] request completed  requestId=r9 network=tl status=201\n$/);
  });

  it('takes the levels a test asks for, or none, or the configured one', () => {
    const config = loadConfig({ LOG_LEVEL: 'warn' });
    expect(processLogger(config, 'api').level).toBe('warn');
    expect(processLogger(config, 'api', ['error']).level).toBe('error');
    expect(processLogger(config, 'api', ['error', 'log']).level).toBe('info');
    expect(processLogger(config, 'api', false).level).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=loud must be one of trace, debug/);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml must be json or text/);
  });
});

describe('the Temporal connection from the TEMPORAL_* variables', () => {
  const SECRET = 'tmprl-secret-api-key';

  it('gives TLS and the API key to the connection, and to no log line, JSON or inspect', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'mignet.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'mignet.a1b2c',
      TEMPORAL_API_KEY: SECRET,
      TEMPORAL_TLS: 'true',
      TEMPORAL_GRPC_META_X_TENANT: 'tl',
    });
    expect(config.temporalAddress).toBe('mignet.a1b2c.tmprl.cloud:7233');
    expect(config.temporalNamespace).toBe('mignet.a1b2c');
    expect(config.temporalConnection.options(config.temporalAddress!)).toMatchObject({
      address: 'mignet.a1b2c.tmprl.cloud:7233',
      apiKey: SECRET,
      tls: {},
      metadata: { 'x-tenant': 'tl' },
    });
    expect(config.temporalConnection.describe()).toBe('TLS (system CAs), API key');
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });

  it('reads a profile of the TOML file, and the variables win over it', () => {
    const toml = `[profile.prod]\naddress = "temporal.example.org:7233"\nnamespace = "network"\napi_key = "${SECRET}"\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'mignet-toml-')), 'temporal.toml');
    writeFileSync(file, toml);
    const profile = loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod' });
    expect([profile.temporalAddress, profile.temporalNamespace, profile.temporalConnection.describe()]).toEqual([
      'temporal.example.org:7233',
      'network',
      'TLS, API key', // an API key implies TLS
    ]);
    expect(
      loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod', TEMPORAL_ADDRESS: 'other:7233' })
        .temporalAddress,
    ).toBe('other:7233');
    expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'staging' })).toThrow(
      /The Temporal connection profile: Profile 'staging' not found/,
    );
  });

  it("names a malformed file's line without quoting it (it may hold the key)", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mignet-toml-')), 'temporal.toml');
    writeFileSync(file, `[profile.default]\napi_key = "${SECRET}"\naddress = temporal.example.org:7233\n`);
    let message = '';
    try {
      loadConfig({ TEMPORAL_CONFIG_FILE: file });
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/temporal\.toml is not valid TOML \(line 3, column \d+\)/);
    expect(message).not.toContain(SECRET);
  });

  it("reads Temporal's default profile file only when asked to, so npm start keeps its dev server", () => {
    const home = mkdtempSync(join(tmpdir(), 'mignet-home-'));
    mkdirSync(join(home, '.config', 'temporalio'), { recursive: true });
    writeFileSync(join(home, '.config', 'temporalio', 'temporal.toml'), '[profile.default]\naddress = "cloud:7233"\n');
    expect(loadConfig({ HOME: home }).temporalAddress).toBeUndefined();
    expect(loadConfig({ HOME: home, TEMPORAL_PROFILE: 'default' }).temporalAddress).toBe('cloud:7233');
  });

  it('needs nothing for the dev server: plaintext', () => {
    expect(loadConfig({}).temporalConnection.describe()).toBe('plaintext');
    expect(loadConfig({}).temporalConnection.options('127.0.0.1:7233')).toEqual({ address: '127.0.0.1:7233' });
  });
});
