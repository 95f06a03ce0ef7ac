import { WorkflowNotFoundError } from '@temporalio/client';

import { createApiApp } from '../../apps/api/create-api-app';
import type { ErrorBody } from '../../apps/api/common/app-error';
import type { HealthReport } from '../../apps/api/health/health.service';
import { freePort } from '../support/free-port';
import type { CycleDto, CycleListDto, StartedCycleDto } from '../../apps/api/annual-cycle/cycle.dto';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/** The first vertical slice over HTTP, with the seeded keys, against the running api and worker. */
describe('cycles API (end to end)', () => {
  const { stack } = useTestStack();
  let coordinator: string;
  let agency: string;
  let auditor: string;
  // Years of this file's own (claimYear): far enough ahead that a cycle is still open while the tests run.
  // `refusedYear` is asked for by every start that must be refused: nothing may ever start it.
  const [year, refusedYear, racedYear, forgottenYear, compressedYear] = [
    claimYear(),
    claimYear(),
    claimYear(),
    claimYear(),
    claimYear(),
  ];

  beforeAll(async () => {
    coordinator = stack.keys.tl['seed:coordinator'];
    agency = stack.keys.tl['seed:agency:ILO'];
    auditor = stack.keys.tl['seed:auditor'];
  });

  const call = (method: string, path: string, key?: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

  const expectError = async (res: Response, status: number, code: string) => {
    const body = await json<ErrorBody>(res);
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    expect(body).toMatchObject({
      statusCode: status,
      message: expect.any(String),
      requestId: expect.any(String),
      path: expect.any(String),
    });
    expect(res.headers.get('x-request-id')).toBe(body.requestId);
    return body;
  };

  it('reports PostgreSQL and Temporal separately on /health, without a key', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      postgres: { status: 'up' },
      temporal: { status: 'up', namespace: 'default' },
    });
  });

  it('answers 503 when Temporal cannot be reached: /health names it, and a command is refused with the error shape', async () => {
    const app = await createApiApp({ ...stack.config, temporalAddress: `127.0.0.1:${await freePort()}` }, false);
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(503);
      expect(await json<HealthReport>(res)).toMatchObject({
        status: 'degraded',
        postgres: { status: 'up' },
        temporal: { status: 'down', error: expect.any(String) },
      });
      const started = Date.now();
      const post = await fetch(`${url}/networks/tl/cycles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ year: refusedYear }),
      });
      const body = await expectError(post, 503, 'TEMPORAL_UNAVAILABLE');
      expect(body.message).toMatch(/Temporal .* cannot be reached: nothing was changed/);
      expect(post.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(11_000); // the documented deadline
    } finally {
      await app.close();
    }
  });

  it('serves the OpenAPI document with the cycle routes and bearer auth', async () => {
    const doc = await json<{ paths: object; components: { securitySchemes: Record<string, object> } }>(
      await call('GET', '/docs-json'),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/networks/{network}/cycles', '/networks/{network}/cycles/{year}']),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await call('GET', '/docs')).status).toBe(200);
    // What a start takes is what the document says it takes: deadlines and offsets too (it said no more was allowed).
    const schemas = (
      doc as unknown as {
        components: { schemas: Record<string, { properties: Record<string, { properties?: object }> }> };
      }
    ).components.schemas;
    expect(Object.keys(schemas.StartCycleDto.properties.calendar.properties ?? {})).toEqual(
      expect.arrayContaining(['start', 'end', 'quarters', 'periods', 'meetings', 'deadlines', 'offsets']),
    );
    expect(Object.keys(schemas.CalendarDto.properties)).toEqual(
      expect.arrayContaining(['deadlines', 'offsets', 'meetings']),
    );
  });

  it('starts a cycle for the coordinator, projects it, and refuses the same year again with 409', async () => {
    const res = await call('POST', '/networks/tl/cycles', coordinator, { year });
    expect(res.status).toBe(201);
    const started = await json<StartedCycleDto>(res);
    expect(started).toMatchObject({ network: 'tl', year, workflowId: `annual-cycle:tl:${year}`, startedBy: 'IOM' });
    expect(started.calendar).toMatchObject({ timeZone: 'Asia/Dili', start: `${year - 1}-12-31T15:00:00.000Z` });

    const cycle = await waitFor(async () => {
      const r = await call('GET', `/networks/tl/cycles/${year}`, agency);
      return r.status === 200 ? json<CycleDto>(r) : undefined;
    }, 'the cycle to be projected');
    expect(cycle).toMatchObject({
      network: 'tl',
      year,
      phase: 'PLANNING',
      startedBy: 'IOM',
      closedAt: null,
      workflowId: started.workflowId,
    });
    expect(cycle.calendar).toEqual(started.calendar);
    // The answer shows the meeting dates the cycle will use (three quarters into each quarter by default).
    expect(cycle.calendar.meetings).toHaveLength(4);
    expect(Date.parse(cycle.calendar.meetings[0])).toBe(
      Date.parse(cycle.calendar.quarters[0].start) +
        Math.round(0.75 * (Date.parse(cycle.calendar.quarters[0].end) - Date.parse(cycle.calendar.quarters[0].start))),
    );

    const desc = await stack.client.workflow.getHandle(started.workflowId).describe();
    expect(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
      expect.arrayContaining([
        ['MignetNetwork', 'tl'],
        ['MignetProcess', 'annual-cycle'],
        ['MignetYear', year],
      ]),
    );

    await expectError(await call('POST', '/networks/tl/cycles', coordinator, { year }), 409, 'CYCLE_ALREADY_STARTED');
    const list = await json<CycleListDto>(await call('GET', '/networks/tl/cycles', auditor));
    expect(list.items.map((c) => c.year)).toContain(year);
  });

  it('gives exactly one 201 to simultaneous starts of one year, and 409 to the rest', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('POST', '/networks/tl/cycles', coordinator, { year: racedYear }).then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('still answers 409 once Temporal has forgotten the workflow (after its retention), from the read model', async () => {
    // A cycle the read model remembers but Temporal no longer knows: as after the namespace's retention period.
    const y = forgottenYear;
    const ds = await stack.db.dataSource();
    await ds.query(
      `INSERT INTO cycles (network_code, year, workflow_id, phase, calendar, started_by, started_at, closed_at, revision)
       VALUES ('tl', $1, $2, 'CLOSED', '{}', 'IOM', now(), now(), 2)`,
      [y, `annual-cycle:tl:${y}`],
    );
    await expectError(
      await call('POST', '/networks/tl/cycles', coordinator, { year: y }),
      409,
      'CYCLE_ALREADY_STARTED',
    );
    await expect(stack.client.workflow.getHandle(`annual-cycle:tl:${y}`).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
  });

  it('accepts a compressed calendar and keeps it as given', async () => {
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const end = new Date(Date.now() + 7_200_000).toISOString();
    const res = await call('POST', '/networks/tl/cycles', coordinator, {
      year: compressedYear,
      calendar: { start, end },
    });
    expect(res.status).toBe(201);
    const { calendar } = await json<StartedCycleDto>(res);
    expect(calendar).toMatchObject({ start, end, year: compressedYear });
    expect(calendar.quarters).toHaveLength(4);
    expect(calendar.periods[5].end).toBe(end);
  });

  it('answers 401 without a valid key', async () => {
    await expectError(await call('GET', '/networks/tl/cycles'), 401, 'UNAUTHENTICATED');
    await expectError(await call('GET', '/networks/tl/cycles', 'mn_tl_not-a-key'), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('GET', '/networks/tl/cycles', undefined, undefined, { authorization: `Basic ${coordinator}` }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 403 when the role may not start a cycle, and for a key of another network what it answers for no network', async () => {
    await expectError(await call('POST', '/networks/tl/cycles', agency, { year: refusedYear }), 403, 'FORBIDDEN');
    await expectError(await call('POST', '/networks/tl/cycles', auditor, { year: refusedYear }), 403, 'FORBIDDEN');
    const other = await expectError(await call('GET', '/networks/xx/cycles', coordinator), 404, 'NETWORK_NOT_FOUND');
    const none = await expectError(
      await call('GET', '/networks/nowhere/cycles', coordinator),
      404,
      'NETWORK_NOT_FOUND',
    );
    expect(other.message.replace('xx', 'nowhere')).toBe(none.message); // nothing tells that xx exists
    await expectError(
      await call('POST', '/networks/tl/cycles', stack.keys.xx['seed:coordinator'], { year: refusedYear }),
      404,
      'NETWORK_NOT_FOUND',
    );
  });

  it('answers 404 for an unknown network, an unknown cycle and an unknown route', async () => {
    await expectError(
      await call('POST', '/networks/nowhere/cycles', coordinator, { year: refusedYear }),
      404,
      'NETWORK_NOT_FOUND',
    );
    await expectError(await call('GET', '/networks/tl/cycles/2021', agency), 404, 'CYCLE_NOT_FOUND');
    await expectError(await call('GET', '/no/such/route', agency), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers 400 naming the field for a bad year, a bad calendar, unknown fields and broken JSON', async () => {
    const fieldsOf = async (body: unknown) =>
      (
        await expectError(await call('POST', '/networks/tl/cycles', coordinator, body), 400, 'VALIDATION_FAILED')
      ).details.map((d) => d.field);
    expect(await fieldsOf({ year: 'next' })).toContain('year');
    expect(await fieldsOf({ year: 1999 })).toEqual(['year']);
    expect(await fieldsOf({ year: 2020 })).toEqual(['year']); // already over
    expect(await fieldsOf({})).toContain('year');
    expect(await fieldsOf({ year: refusedYear, colour: 'blue' })).toEqual(['colour']);
    expect(await fieldsOf({ year: refusedYear, calendar: 'soon' })).toEqual(['calendar']);
    expect(await fieldsOf({ year: refusedYear, calendar: { timeZone: 'Mars/Olympus' } })).toEqual([
      'calendar.timeZone',
    ]);
    expect(await fieldsOf({ year: refusedYear, calendar: { quarters: [{}] } })).toEqual(['calendar.quarters']);
    await expectError(await call('POST', '/networks/tl/cycles', coordinator, '{"year": 20'), 400, 'MALFORMED_JSON');
    await expectError(await call('GET', '/networks/tl/cycles/20x7', agency), 400, 'VALIDATION_FAILED');
    // None of the refused requests started anything: Temporal has no such workflow.
    await expect(stack.client.workflow.getHandle(`annual-cycle:tl:${refusedYear}`).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
  });

  it('echoes a caller-supplied request id', async () => {
    const res = await call('GET', '/networks/tl/cycles/2021', agency, undefined, { 'x-request-id': 'trace-123' });
    expect((await expectError(res, 404, 'CYCLE_NOT_FOUND')).requestId).toBe('trace-123');
  });
});
