import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, IsNull, Not, Repository } from 'typeorm';

import type { Actor } from '../../../libs/domain/roles';
import type { Task } from '../../../libs/domain/tasks';
import type { FieldError } from '../../../libs/domain/field-error';
import { AgencyEntity, ImpedimentEntity, TaskEntity } from '../../../libs/persistence/entities';
import { completeTaskUpdate, extendTaskUpdate, reassignTaskUpdate } from '../../../libs/processes/task-messages';
import { actorOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { ApiMetrics } from '../metrics/api-metrics';
import { AbsencesService } from '../people/absences.service';
import { TaskContextService } from '../task-kinds/task-context.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { ExtendTaskDto, ReassignTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './task.dto';
import { whenOpened } from './when-opened';

/** People find their work in PostgreSQL; completing it is an Update to the workflow that owns the task. */
@Injectable()
export class TasksService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly metrics: ApiMetrics,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(ImpedimentEntity) private readonly impediments: Repository<ImpedimentEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly absences: AbsencesService,
    private readonly context: TaskContextService,
  ) {}

  /** An agency sees its own tasks, and those of the agencies of whom its person stands in for (an absence's substitute). */
  async list(network: string, query: TaskQueryDto, by: Principal): Promise<TaskPageDto> {
    const where: FindOptionsWhere<TaskEntity> = { networkCode: network };
    if (by.role === 'agency') {
      const agencies = [by.agency!, ...(await this.standIns(network, by)).map((s) => s.agency)];
      if (query.assignee !== undefined && !agencies.includes(query.assignee))
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `An agency sees only its own tasks (${[...new Set(agencies)].join(', ')}), not ${query.assignee}'s`,
        );
      Object.assign(where, { assignee: query.assignee ?? In([...new Set(agencies)]), assigneeRole: 'agency' });
    } else if (query.assignee) where.assignee = query.assignee;
    if (query.status) where.status = query.status;
    if (query.kind) where.kind = query.kind;
    if (query.process) where.process = query.process;
    if (query.escalated !== undefined) where.escalatedAt = query.escalated ? Not(IsNull()) : IsNull();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, total] = await this.tasks.findAndCount({
      where,
      order: { dueAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toDto), page, pageSize, total };
  }

  /** One task with its context: what the person needs to answer it (see TaskContextService). */
  async get(network: string, id: string, by: Principal): Promise<TaskDto> {
    const { row } = await this.visibleTask(network, id, by);
    return { ...toDto(row), context: await this.context.of(row) };
  }

  /**
   * 200 with the task's new state, or the workflow validator's refusal mapped to 403, 409 or 422. `actedAs` learns the
   * actor the command goes with (for the audit row): a substitute's names the absent person too.
   */
  async complete(
    network: string,
    id: string,
    payload: unknown,
    by: Principal,
    actedAs: (actor: Actor) => void = () => undefined,
  ): Promise<TaskDto> {
    let row: TaskEntity | undefined;
    try {
      const visible = await this.visibleTask(network, id, by, { acting: true });
      row = visible.row;
      actedAs(visible.actor);
      if (row.kind === 'record-meeting' && row.status === 'open' && by.role === 'coordinator')
        await this.checkImpedimentsExist(network, payload);
      const process = row.process;
      const task = await whenOpened(() =>
        this.temporal.update(process, completeTaskUpdate, { taskId: id, by: visible.actor, payload }),
      );
      this.metrics.taskCompletions.inc({ kind: row.kind, outcome: 'completed' });
      return toDto(task);
    } catch (err) {
      const outcome = err instanceof AppError ? err.code : 'error';
      this.metrics.taskCompletions.inc({ kind: row?.kind ?? 'unknown', outcome });
      throw err;
    }
  }

  /** The coordinator moves an open task's due time later: an Update to its workflow, which moves its timers. */
  async extend(network: string, id: string, dto: ExtendTaskDto, by: Principal): Promise<TaskDto> {
    const { row } = await this.visibleTask(network, id, by);
    const task = await whenOpened(() =>
      this.temporal.update(row.process, extendTaskUpdate, {
        taskId: id,
        by: actorOf(by),
        dueAt: new Date(Date.parse(dto.dueAt)).toISOString(), // the workflow gets an instant, never a local time
        reason: dto.reason,
      }),
    );
    return toDto(task);
  }

  /**
   * The coordinator gives an open task to another current member agency, with a reason (and perhaps a later due
   * time): an Update to its workflow, whose validator refuses what the task's kind does not allow.
   */
  async reassign(network: string, id: string, dto: ReassignTaskDto, by: Principal): Promise<TaskDto> {
    const { row } = await this.visibleTask(network, id, by);
    if (!(await this.agencies.existsBy({ networkCode: network, code: dto.agency, leftAt: IsNull() })))
      throw AppError.validation([{ field: 'agency', message: `${dto.agency} is not a member agency of the Network` }]);
    const task = await whenOpened(() =>
      this.temporal.update(row.process, reassignTaskUpdate, {
        taskId: id,
        by: actorOf(by),
        assignee: dto.agency,
        reason: dto.reason,
        ...(dto.dueAt ? { dueAt: new Date(Date.parse(dto.dueAt)).toISOString() } : {}),
      }),
    );
    return toDto(task);
  }

  /**
   * A meeting's record names impediments of the register (the workflow checks the shape, not the register): each
   * must exist in this network, or the answer is refused with the field that names it.
   */
  private async checkImpedimentsExist(network: string, payload: unknown): Promise<void> {
    const p = (payload ?? {}) as { impediments?: unknown; actionItems?: unknown };
    const refs: [string, unknown][] = [
      ...(Array.isArray(p.impediments)
        ? p.impediments.map((o: { id?: unknown }, i): [string, unknown] => [`impediments[${i}].id`, o?.id])
        : []),
      ...(Array.isArray(p.actionItems)
        ? p.actionItems.map((a: { impediment?: unknown }, i): [string, unknown] => [
            `actionItems[${i}].impediment`,
            a?.impediment,
          ])
        : []),
    ].filter(([, v]) => typeof v === 'string');
    if (refs.length === 0) return;
    const known = new Set(
      (await this.impediments.findBy({ networkCode: network, id: In(refs.map(([, v]) => v as string)) })).map(
        (r) => r.id,
      ),
    );
    const errors: FieldError[] = refs
      .filter(([, v]) => !known.has(v as string))
      .map(([field, v]) => ({ field, message: `no impediment ${String(v)} in the register` }));
    if (errors.length > 0)
      throw new AppError(ErrorCode.INVALID_PAYLOAD, errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }

  /**
   * The task, if the caller may see it (404 when it does not exist in this network, 403 for another agency's), and the
   * actor a command on it goes with. A person standing in for an absent person of the task's agency acts for that
   * agency, on behalf of that person; `acting` looks for such an absence even on the person's own agency's task, so
   * that what a substitute does names both.
   */
  private async visibleTask(
    network: string,
    id: string,
    by: Principal,
    { acting = false } = {},
  ): Promise<{ row: TaskEntity; actor: Actor }> {
    const row = await this.tasks.findOneBy({ id, networkCode: network });
    if (!row) throw new AppError(ErrorCode.TASK_NOT_FOUND, `Network "${network}" has no task ${id}`);
    if (by.role !== 'agency') return { row, actor: actorOf(by) };
    const own = row.assigneeRole === 'agency' && row.assignee === by.agency;
    const standIn =
      row.assigneeRole === 'agency' && (acting || !own)
        ? (await this.standIns(network, by)).find((s) => s.agency === row.assignee)
        : undefined;
    if (!own && !standIn) throw new AppError(ErrorCode.NOT_ASSIGNEE, `Task ${id} is not ${by.agency}'s`);
    const actor = standIn
      ? { ...actorOf(by), agency: standIn.agency, onBehalfOfId: standIn.personId, onBehalfOf: standIn.person }
      : actorOf(by);
    return { row, actor };
  }

  private async standIns(network: string, by: Principal) {
    return by.personId ? this.absences.standInsFor(network, by.personId) : [];
  }
}

/** One shape for a task, whether read from its projection or returned by the workflow's Update. */
function toDto(t: TaskEntity | Task): TaskDto {
  const by = t.completedBy;
  return {
    id: t.id,
    kind: t.kind,
    process: t.process,
    assignee: t.assignee,
    assigneeRole: t.assigneeRole,
    subject: t.subject,
    status: t.status,
    openedAt: isoOrNull(t.openedAt)!,
    dueAt: isoOrNull(t.dueAt)!,
    remindAt: isoOrNull(t.remindAt)!,
    escalateAt: isoOrNull(t.escalateAt),
    expiresAt: isoOrNull(t.expiresAt),
    completedAt: isoOrNull(t.completedAt),
    completedBy: by === null || typeof by === 'string' ? by : (by.agency ?? by.role),
    completedByPerson:
      by === null || typeof by === 'string' ? (t as TaskEntity).completedByPerson : (by.person ?? null),
    completedOnBehalfOf:
      by === null || typeof by === 'string' ? (t as TaskEntity).completedOnBehalfOf : (by.onBehalfOf ?? null),
    submissions: t.submissions,
    result: t.result,
    remindedAt: isoOrNull(t.remindedAt),
    escalatedAt: isoOrNull(t.escalatedAt),
    closedReason: t.closedReason,
  };
}
