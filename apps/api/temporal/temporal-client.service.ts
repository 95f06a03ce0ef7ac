import { createHash } from 'node:crypto';

import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  isGrpcServiceError,
  Workflow,
  WorkflowExecutionAlreadyStartedError,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowNotFoundError,
  WorkflowStartOptions,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, TypedSearchAttributes, UpdateDefinition } from '@temporalio/common';

import type { Config } from '../../../libs/config/config';
import type { FieldError } from '../../../libs/domain/calendar';
import type { RejectionCode } from '../../../libs/domain/tasks';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE } from '../../../libs/temporal';
import { canonicalJson } from '../../../libs/persistence/audit-chain';
import { CONFIG } from '../../common/config.token';
import { currentRequestId } from '../common/request-id';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

const REJECTION_CODES: Record<RejectionCode, ErrorCode> = {
  TASK_NOT_FOUND: ErrorCode.TASK_NOT_FOUND,
  NOT_ASSIGNEE: ErrorCode.NOT_ASSIGNEE,
  TASK_CLOSED: ErrorCode.TASK_CLOSED,
  PHASE_CLOSED: ErrorCode.PHASE_CLOSED,
  INVALID_PAYLOAD: ErrorCode.INVALID_PAYLOAD,
};

/** How long one API call may wait on Temporal before the caller gets 503. */
const CALL_DEADLINE_MS = 10_000;
// gRPC status codes that mean "Temporal cannot be reached", not "Temporal said no".
const UNREACHABLE = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/**
 * The API's Temporal client. The connection is lazy, so the API starts (and /health says why) while Temporal is
 * still coming up; the first call connects.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@Inject(CONFIG) config: Config) {
    if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
    // A short connect timeout: a request (or /health) waiting on a dead Temporal fails in seconds, not minutes.
    this.connection = Connection.lazy({ address: config.temporalAddress, connectTimeout: '3 seconds' });
    this.client = new Client({ connection: this.connection, namespace: config.temporalNamespace });
    this.taskQueue = config.temporalTaskQueue;
  }

  /** Runs a call against Temporal with a deadline; unreachable or too slow becomes 503 TEMPORAL_UNAVAILABLE. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.connection.withDeadline(Date.now() + CALL_DEADLINE_MS, fn);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      const grpc = [err, cause].find(isGrpcServiceError);
      const connectFailed = err instanceof Error && /Failed to connect|connect ECONNREFUSED|deadline/i.test(err.message);
      if ((grpc && UNREACHABLE.has(grpc.code)) || connectFailed) {
        throw new AppError(
          ErrorCode.TEMPORAL_UNAVAILABLE,
          'Temporal did not answer in time or cannot be reached: check whether the command took effect before sending it again',
        );
      }
      throw err;
    }
  }

  /**
   * Starts one of mignet's processes: once per business key, ever (a closed or failed one is not started again under
   * the same id; `onDuplicate` says what that means to the caller), tagged with the search attributes auditors list
   * by.
   */
  async startProcess<W extends Workflow>(
    workflowType: string,
    start: WorkflowStartOptions<W>,
    o: { network: string; process: string; year?: number; onDuplicate: () => AppError },
  ): Promise<WorkflowHandleWithFirstExecutionRunId<W>> {
    try {
      return await this.call(() =>
        this.client.workflow.start<W>(workflowType, {
          ...start,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: new TypedSearchAttributes([
            { key: NETWORK_ATTRIBUTE, value: o.network },
            { key: PROCESS_ATTRIBUTE, value: o.process },
            ...(o.year === undefined ? [] : [{ key: YEAR_ATTRIBUTE, value: o.year }]),
          ]),
        }),
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw o.onDuplicate();
      throw err;
    }
  }

  /**
   * Sends an Update to `workflowId` and turns its refusals into API errors: a validator's RejectionCode into
   * 403/404/409/422 with the fields, a process that has ended into 409. An Update the server returns unprocessed
   * (type UnprocessedUpdate: with many arriving at once, while a local activity holds the workflow task, it sometimes
   * drops one before any validator has seen it) was not applied, so it is sent again until the call's deadline.
   */
  async update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    const requestId = currentRequestId();
    // The request id ties the Update to its audit row; the digest of the command makes a request id reused for another
    // command a different Update (Temporal would answer a same-id Update with the first one's result).
    const updateId = requestId ? `${requestId}#${createHash('sha256').update(`${definition.name}\n${workflowId}\n${canonicalJson(arg)}`).digest('hex').slice(0, 16)}` : undefined;
    const send = () => handle.executeUpdate(definition, { args: [arg], ...(updateId ? { updateId } : {}) });
    try {
      return await this.call(async () => {
        const giveUpAt = Date.now() + CALL_DEADLINE_MS;
        for (let attempt = 1; ; attempt++) {
          try {
            return await send();
          } catch (err) {
            const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
            if (!(cause instanceof ApplicationFailure && cause.type === 'UnprocessedUpdate') || Date.now() > giveUpAt) throw err;
            await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 200)));
          }
        }
      });
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type && cause.type in REJECTION_CODES) {
        throw new AppError(REJECTION_CODES[cause.type as RejectionCode], cause.message, (cause.details?.[0] as FieldError[] | undefined) ?? []);
      }
      if (err instanceof WorkflowNotFoundError) throw new AppError(ErrorCode.TASK_CLOSED, `The process ${workflowId} has ended; it takes no more commands`);
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
