import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { FindOptionsWhere, IsNull, Not, Repository } from 'typeorm';

import type { FieldError } from '../../../libs/domain/calendar';
import type { RejectionCode, Task } from '../../../libs/domain/tasks';
import { TaskEntity } from '../../../libs/persistence/entities';
import { completeTaskUpdate } from '../../../workflows/annual-cycle.messages';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { TaskDto, TaskPageDto, TaskQueryDto } from './task.dto';

const REJECTION_CODES: Record<RejectionCode, ErrorCode> = {
  TASK_NOT_FOUND: ErrorCode.TASK_NOT_FOUND,
  NOT_ASSIGNEE: ErrorCode.NOT_ASSIGNEE,
  TASK_CLOSED: ErrorCode.TASK_CLOSED,
  PHASE_CLOSED: ErrorCode.PHASE_CLOSED,
  INVALID_PAYLOAD: ErrorCode.INVALID_PAYLOAD,
};

/** People find their work in PostgreSQL; completing it is an Update to the workflow that owns the task. */
@Injectable()
export class TasksService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
  ) {}

  async list(network: string, query: TaskQueryDto, by: Principal): Promise<TaskPageDto> {
    if (by.role === 'agency' && query.assignee !== undefined && query.assignee !== by.agency) {
      throw new AppError(ErrorCode.FORBIDDEN, `An agency key sees only its own tasks (${by.agency}), not ${query.assignee}'s`);
    }
    const where: FindOptionsWhere<TaskEntity> = { networkCode: network };
    if (by.role === 'agency') Object.assign(where, { assignee: by.agency, assigneeRole: 'agency' });
    else if (query.assignee) where.assignee = query.assignee;
    if (query.status) where.status = query.status;
    if (query.kind) where.kind = query.kind;
    if (query.process) where.process = query.process;
    if (query.escalated !== undefined) where.escalatedAt = query.escalated ? Not(IsNull()) : IsNull();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, total] = await this.tasks.findAndCount({ where, order: { dueAt: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: rows.map(toDto), page, pageSize, total };
  }

  async get(network: string, id: string, by: Principal): Promise<TaskDto> {
    return toDto(await this.visibleTask(network, id, by));
  }

  /** 200 with the task's new state, or the workflow validator's refusal mapped to 403, 409 or 422. */
  async complete(network: string, id: string, payload: unknown, by: Principal): Promise<TaskDto> {
    const row = await this.visibleTask(network, id, by);
    const send = () =>
      this.temporal.client.workflow.getHandle(row.process).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, by: { role: by.role, agency: by.agency }, payload }],
      });
    try {
      return toDto(await this.temporal.call(() => retryUnprocessed(send)));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type && err.cause.type in REJECTION_CODES) {
        const details = (err.cause.details?.[0] as FieldError[] | undefined) ?? [];
        throw new AppError(REJECTION_CODES[err.cause.type as RejectionCode], err.cause.message, details);
      }
      if (err instanceof WorkflowNotFoundError) throw new AppError(ErrorCode.TASK_CLOSED, `The process ${row.process} has ended; task ${id} can no longer change`);
      throw err;
    }
  }

  /** The task, if the caller may see it: 404 when it does not exist in this network, 403 for another agency's. */
  private async visibleTask(network: string, id: string, by: Principal): Promise<TaskEntity> {
    const row = await this.tasks.findOneBy({ id, networkCode: network });
    if (!row) throw new AppError(ErrorCode.TASK_NOT_FOUND, `Network "${network}" has no task ${id}`);
    if (by.role === 'agency' && (row.assigneeRole !== 'agency' || row.assignee !== by.agency)) {
      throw new AppError(ErrorCode.NOT_ASSIGNEE, `Task ${id} is not ${by.agency}'s`);
    }
    return row;
  }
}

const UNPROCESSED_RETRIES = 3;

/**
 * Sends an Update again when the server refused it unprocessed (type UnprocessedUpdate): with many Updates
 * arriving at once, the server sometimes drops one before any validator has seen it. Nothing was applied, so sending
 * it again is safe; the validator then decides as for any other.
 */
async function retryUnprocessed<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      const unprocessed = cause instanceof ApplicationFailure && cause.type === 'UnprocessedUpdate';
      if (!unprocessed || attempt > UNPROCESSED_RETRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

const iso = (d: Date | string | null): string | null => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

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
    openedAt: iso(t.openedAt)!,
    dueAt: iso(t.dueAt)!,
    remindAt: iso(t.remindAt)!,
    escalateAt: iso(t.escalateAt),
    expiresAt: iso(t.expiresAt),
    completedAt: iso(t.completedAt),
    completedBy: by === null || typeof by === 'string' ? by : (by.agency ?? by.role),
    submissions: t.submissions,
    result: t.result,
    remindedAt: iso(t.remindedAt),
    escalatedAt: iso(t.escalatedAt),
    closedReason: t.closedReason,
  };
}
