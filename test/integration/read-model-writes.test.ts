import { upsertTasks } from '../../activities/task-projection';
import type { Task } from '../../libs/domain/tasks';
import { CycleEntity, NetworkEntity, TaskEntity } from '../../libs/persistence/entities';
import { updateRows } from '../../libs/persistence/read-models/update-rows';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The ways projections write read-model rows, on the migrated schema (the drift test holds entities to it). */
describe('upsertRow and updateRows (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = await db.dataSource();
    await ds
      .getRepository(NetworkEntity)
      .insert({ code: 'zz', name: 'Upsert test', timeZone: 'UTC', coordinatorAgency: 'IOM' });
  });
  afterAll(() => db.drop());

  const task = (version: number, status: string, result: unknown) => ({
    id: 't-1',
    networkCode: 'zz',
    process: 'p',
    kind: 'report-progress',
    assignee: 'ILO',
    assigneeRole: 'agency',
    subject: undefined,
    status,
    openedAt: '2027-01-01T00:00:00Z',
    dueAt: '2027-02-01T00:00:00Z',
    remindAt: '2027-01-25T00:00:00Z',
    submissions: 0,
    result,
    version,
  });
  const write = async (version: number, status: string, result: unknown) =>
    upsertRow((await db.dataSource()).manager, TaskEntity, task(version, status, result), {
      update: ['status', 'result', 'version'],
      newer: { column: 'version' },
    });
  const row = async () =>
    (
      await (
        await db.dataSource()
      ).query(`SELECT status, result, result IS NULL AS sql_null, version, subject FROM tasks WHERE id = 't-1'`)
    )[0] as Record<string, unknown>;

  it('inserts, takes a newer write, and ignores an older or equal one', async () => {
    await write(1, 'open', null);
    expect(await row()).toEqual({ status: 'open', result: null, sql_null: false, version: 1, subject: null }); // JSON null, not NULL
    await write(3, 'completed', { answer: 'yes' });
    await write(2, 'open', null);
    await write(3, 'cancelled', null);
    expect(await row()).toMatchObject({ status: 'completed', result: { answer: 'yes' }, version: 3 });
  });

  it('keeps a column a write has no value for, and stamps the time of the write', async () => {
    const ds = await db.dataSource();
    const cycle = (revision: number, report: unknown) => ({
      networkCode: 'zz',
      year: 2027,
      workflowId: 'annual-cycle:zz:2027',
      phase: 'PLANNING',
      calendar: { start: '2027-01-01' },
      startedBy: 'IOM',
      startedAt: '2027-01-01T00:00:00Z',
      revision,
      report,
    });
    const options = {
      update: ['phase', 'revision'],
      keep: ['report'],
      touch: 'updatedAt',
      newer: { column: 'revision' },
    } as const;
    await upsertRow(ds.manager, CycleEntity, cycle(1, { drafted: true }), options);
    const [before] = (await ds.query(`SELECT updated_at FROM cycles WHERE network_code = 'zz'`)) as {
      updated_at: Date;
    }[];
    await upsertRow(ds.manager, CycleEntity, cycle(2, undefined), options);
    const [after] = (await ds.query(`SELECT report, revision, updated_at FROM cycles WHERE network_code = 'zz'`)) as {
      report: unknown;
      revision: number;
      updated_at: Date;
    }[];
    expect(after).toMatchObject({ report: { drafted: true }, revision: 2 });
    expect(after.updated_at.getTime()).toBeGreaterThanOrEqual(before.updated_at.getTime());
  });

  it('leaves an existing row alone when told to', async () => {
    const ds = await db.dataSource();
    await upsertRow(ds.manager, TaskEntity, { ...task(9, 'expired', null), id: 't-2' }, 'nothing');
    await upsertRow(ds.manager, TaskEntity, { ...task(10, 'open', null), id: 't-2' }, 'nothing');
    expect((await ds.query(`SELECT status, version FROM tasks WHERE id = 't-2'`))[0]).toEqual({
      status: 'expired',
      version: 9,
    });
  });

  it('takes an equal write when told to (or equal), and refuses to update a column the row does not carry', async () => {
    const ds = await db.dataSource();
    const again = (status: string) =>
      upsertRow(
        ds.manager,
        TaskEntity,
        { ...task(5, status, null), id: 't-4' },
        {
          update: ['status'],
          newer: { column: 'version', orEqual: true },
        },
      );
    await again('open');
    await again('completed');
    expect((await ds.query(`SELECT status FROM tasks WHERE id = 't-4'`))[0]).toEqual({ status: 'completed' });
    await expect(
      upsertRow(
        ds.manager,
        TaskEntity,
        { ...task(6, 'open', null), id: 't-4' },
        {
          update: ['status', 'closedReason'],
          newer: { column: 'version' },
        },
      ),
    ).rejects.toThrow('TaskEntity: the row has no value for closedReason, which the write updates');
  });

  it("projects a task's every column on an equal version: a dead workflow task's dates do not outlive it", async () => {
    const ds = await db.dataSource();
    const projected = (dueAt: string, status: Task['status']): Task => ({
      id: 't-5',
      kind: 'propose-agenda-items',
      network: 'zz',
      process: 'meeting:zz:2027-Q2',
      assignee: 'FAO',
      assigneeRole: 'agency',
      subject: null,
      openedAt: '2027-03-01T00:00:00.000Z',
      dueAt,
      remindAt: dueAt,
      escalateAt: null,
      expiresAt: dueAt,
      status,
      completedAt: null,
      completedBy: null,
      submissions: 0,
      result: null,
      remindedAt: null,
      escalatedAt: null,
      closedReason: status === 'expired' ? 'nothing proposed' : null,
      version: 4,
    });
    await upsertTasks(ds.manager, [projected('2027-03-08T00:00:02.403Z', 'expired')]); // the task that never completed
    await upsertTasks(ds.manager, [projected('2027-03-08T00:00:05.689Z', 'expired')]); // its retry, as history has it
    const [row] = (await ds.query(`SELECT due_at, remind_at, expires_at FROM tasks WHERE id = 't-5'`)) as Record<
      string,
      Date
    >[];
    expect(Object.values(row).map((d) => d.toISOString())).toEqual(Array(3).fill('2027-03-08T00:00:05.689Z'));
  });

  it("writes every column but the key and the kept ones with update: 'all'", async () => {
    const ds = await db.dataSource();
    const options = { update: 'all', keep: ['report'], newer: { column: 'revision', orEqual: true } } as const;
    const cycle = (startedBy: string, report: unknown) => ({
      networkCode: 'zz',
      year: 2031,
      workflowId: 'annual-cycle:zz:2031',
      phase: 'PLANNING',
      calendar: { start: '2031-01-01' },
      startedBy,
      startedAt: '2031-01-01T00:00:00Z',
      revision: 1,
      report,
    });
    await upsertRow(ds.manager, CycleEntity, cycle('IOM', { drafted: true }), options);
    await upsertRow(ds.manager, CycleEntity, cycle('RCO', undefined), options);
    expect(
      (await ds.query(`SELECT started_by, report FROM cycles WHERE network_code = 'zz' AND year = 2031`))[0],
    ).toEqual({ started_by: 'RCO', report: { drafted: true } });
  });

  it('refuses a property the entity does not have', async () => {
    const ds = await db.dataSource();
    await expect(upsertRow(ds.manager, TaskEntity, { nope: 1 } as never, 'nothing')).rejects.toThrow(
      'TaskEntity has no column for property nope',
    );
  });

  it('updates only the rows named, only where the guard holds', async () => {
    const ds = await db.dataSource();
    await upsertRow(ds.manager, TaskEntity, { ...task(1, 'open', null), id: 't-3', completedAt: undefined }, 'nothing');
    const update = (completedAt: string, guard: 'atMost' | 'orNull' | 'isNull') =>
      updateRows(ds.manager, TaskEntity, {
        where: { id: 't-3', networkCode: 'zz' },
        set: { completedAt, status: `set at ${completedAt.slice(0, 10)}` },
        onlyIf:
          guard === 'isNull'
            ? { column: 'completedAt', isNull: true }
            : { column: 'completedAt', atMost: completedAt, orNull: guard === 'orNull' },
      });
    const status = async () =>
      ((await ds.query(`SELECT status FROM tasks WHERE id = 't-3'`))[0] as { status: string }).status;
    await update('2027-03-01T00:00:00Z', 'atMost'); // NULL is not "at most": nothing changes
    expect(await status()).toBe('open');
    await update('2027-03-01T00:00:00Z', 'orNull');
    expect(await status()).toBe('set at 2027-03-01');
    await update('2027-02-01T00:00:00Z', 'orNull'); // earlier than the row's: refused
    expect(await status()).toBe('set at 2027-03-01');
    await update('2027-04-01T00:00:00Z', 'isNull'); // no longer NULL: refused
    expect(await status()).toBe('set at 2027-03-01');
    await update('2027-04-01T00:00:00Z', 'atMost');
    expect(await status()).toBe('set at 2027-04-01');
    expect((await ds.query(`SELECT status FROM tasks WHERE id = 't-1'`))[0]).toEqual({ status: 'completed' }); // untouched
  });
});
