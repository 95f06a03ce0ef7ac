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
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, TypedSearchAttributes, UpdateDefinition } from '@temporalio/common';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';

import type { Config } from '../../../libs/config/config';
import type { FieldError } from '../../../libs/domain/field-error';
import type { RejectionCode } from '../../../libs/domain/tasks';
import { PROCESSES, type ProcessName } from '../../../libs/processes/registry';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE } from '../../../libs/temporal';
import { canonicalJson } from '../../../libs/persistence/audit-chain';
import { CONFIG } from '../../common/config.token';
import { currentRequestId } from '../common/request-id';
import { addToLogContext } from '../../../libs/observability/log-context';
import { AppError, DEPENDENCY_RETRY_AFTER_S } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

const REJECTION_CODES: Record<RejectionCode, ErrorCode> = {
  TASK_NOT_FOUND: ErrorCode.TASK_NOT_FOUND,
  NOT_ASSIGNEE: ErrorCode.NOT_ASSIGNEE,
  TASK_CLOSED: ErrorCode.TASK_CLOSED,
  PHASE_CLOSED: ErrorCode.PHASE_CLOSED,
  INVALID_PAYLOAD: ErrorCode.INVALID_PAYLOAD,
};

/** How long one API call may wait on Temporal before the caller gets 503 or 504: the README's documented deadline. */
const CALL_DEADLINE_MS = 10_000;
// gRPC status codes (https://grpc.io/docs/guides/status-codes/) the server answers before taking a request on.
const GRPC = {
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;
const NEVER_CONNECTED =
  /Failed to connect|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|connect ETIMEDOUT|No connection established/i;

/** Whether a call changes something (a command: may have taken effect when its answer is lost) or only reads. */
export type CallKind = 'read' | 'command';

class CallDeadline extends Error {}

/**
 * The API's Temporal client. The connection is lazy, so the API starts (and /health says why) while Temporal is
 * still coming up; the first call connects.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;
  private readonly address: string;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(@Inject(CONFIG) config: Config) {
    if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
    this.address = config.temporalAddress;
    // A short connect timeout: a request (or /health) waiting on a dead Temporal fails in seconds, not minutes.
    this.connection = Connection.lazy({
      ...config.temporalConnection.options(config.temporalAddress),
      connectTimeout: '3 seconds',
    });
    this.client = new Client({
      connection: this.connection,
      namespace: config.temporalNamespace,
      // The request's span continues into the workflow's Update (a no-op unless the process is traced).
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    });
    this.taskQueue = config.temporalTaskQueue;
  }

  /**
   * Runs a call against Temporal within CALL_DEADLINE_MS, whatever the connection does, and says honestly what a
   * failure means: 503 TEMPORAL_UNAVAILABLE when nothing reached Temporal (or it refused to take the call on),
   * 504 OUTCOME_UNKNOWN when a command was sent and its answer did not come back (it may have taken effect; the same
   * X-Request-Id makes the retry of an Update the same Update). Errors of the call itself pass through.
   */
  async call<T>(fn: (giveUpAt: number) => Promise<T>, kind: CallKind = 'read'): Promise<T> {
    const giveUpAt = Date.now() + CALL_DEADLINE_MS;
    let timer: NodeJS.Timeout | undefined;
    const inner = this.connection.withDeadline(giveUpAt, async () => {
      // Connecting first tells "never sent" (503, safe to retry) from "sent, answer lost" (504).
      await this.connection.ensureConnected();
      return fn(giveUpAt);
    });
    // The caller gets its answer at the deadline; the call itself may go on retrying a little (the SDK's own retries).
    this.inFlight.add(inner);
    inner.then(
      () => this.inFlight.delete(inner),
      () => this.inFlight.delete(inner),
    );
    try {
      return await Promise.race([
        inner,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CallDeadline()), CALL_DEADLINE_MS);
        }),
      ]);
    } catch (err) {
      throw this.explain(err, kind);
    } finally {
      clearTimeout(timer);
    }
  }

  private explain(err: unknown, kind: CallKind): unknown {
    if (err instanceof AppError) return err;
    const cause = (err as { cause?: unknown }).cause;
    const grpc = [err, cause].find(isGrpcServiceError);
    const message = err instanceof Error ? err.message : String(err);
    const unavailable = (why: string) =>
      new AppError(
        ErrorCode.TEMPORAL_UNAVAILABLE,
        `Temporal (${this.address}) ${why}: nothing was changed; try again in ${DEPENDENCY_RETRY_AFTER_S} s`,
        [],
        DEPENDENCY_RETRY_AFTER_S,
      );
    if (NEVER_CONNECTED.test(message) || NEVER_CONNECTED.test(String((cause as Error | undefined)?.message ?? '')))
      return unavailable('cannot be reached');
    if (grpc?.code === GRPC.RESOURCE_EXHAUSTED) return unavailable('is overloaded and refused the call');
    const lost =
      err instanceof CallDeadline ||
      err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
      (grpc !== undefined &&
        (
          [
            GRPC.CANCELLED,
            GRPC.UNKNOWN,
            GRPC.DEADLINE_EXCEEDED,
            GRPC.INTERNAL,
            GRPC.UNAVAILABLE,
            // A restarting server aborts the Updates it held ("workflow update was aborted"; test/faults saw a 500):
            // sent, outcome unknown, the same id safe to send again.
            GRPC.ABORTED,
            GRPC.FAILED_PRECONDITION,
          ] as number[]
        ).includes(grpc.code));
    if (!lost) {
      // An error this does not explain is a 500 with its stack in the log: the gRPC code says what Temporal meant.
      if (grpc && err instanceof Error && !err.message.includes('gRPC code'))
        err.message += ` (gRPC code ${grpc.code})`;
      return err;
    }
    if (kind === 'read') return unavailable(`did not answer within ${CALL_DEADLINE_MS / 1000} s`);
    return new AppError(
      ErrorCode.OUTCOME_UNKNOWN,
      `Temporal did not answer within ${CALL_DEADLINE_MS / 1000} s: the command may have taken effect. Send it again with the same ` +
        'X-Request-Id header: a command that took effect is not applied twice, and the answer then says what happened',
      [],
      DEPENDENCY_RETRY_AFTER_S,
    );
  }

  /**
   * Starts one of mignet's processes: once per business key, ever (a closed or failed one is not started again under
   * the same id; `onDuplicate` says what that means to the caller), tagged with the search attributes auditors list
   * by.
   */
  async startProcess<W extends Workflow>(
    process: ProcessName,
    start: WorkflowStartOptions<W>,
    o: { network: string; year?: number; onDuplicate: () => AppError },
  ): Promise<WorkflowHandleWithFirstExecutionRunId<W>> {
    addToLogContext({ workflowId: start.workflowId });
    try {
      return await this.call(
        () =>
          this.client.workflow.start<W>(PROCESSES[process].workflowType, {
            ...start,
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            typedSearchAttributes: new TypedSearchAttributes([
              { key: NETWORK_ATTRIBUTE, value: o.network },
              { key: PROCESS_ATTRIBUTE, value: process },
              ...(o.year === undefined ? [] : [{ key: YEAR_ATTRIBUTE, value: o.year }]),
            ]),
          }),
        'command',
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw o.onDuplicate();
      throw err;
    }
  }

  /**
   * Sends an Update to `workflowId` and turns its refusals into API errors: a validator's RejectionCode into
   * 403/404/409/422 with the fields, a process that has ended into 409. The same Update (same id) is sent again
   * until the deadline when Temporal gives no verdict: returned unprocessed (with many arriving at once, while a
   * local activity holds the workflow task, the server sometimes drops one before any validator has seen it), failed
   * for a reason that is no refusal (a worker restarting), or its long poll cut off. Sending the same Update id again
   * is safe: Temporal applies an Update once and answers a repeat with its outcome.
   */
  async update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    addToLogContext({ workflowId });
    const requestId = currentRequestId();
    // The request id ties the Update to its audit row; the digest of the command makes a request id reused for another
    // command a different Update (Temporal would answer a same-id Update with the first one's result).
    const updateId = requestId
      ? `${requestId}#${createHash('sha256')
          .update(`${definition.name}\n${workflowId}\n${canonicalJson(arg)}`)
          .digest('hex')
          .slice(0, 16)}`
      : undefined;
    const send = () => handle.executeUpdate(definition, { args: [arg], ...(updateId ? { updateId } : {}) });
    try {
      return await this.call(async (giveUpAt) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await send();
          } catch (err) {
            if (
              refusalOf(err) ||
              err instanceof WorkflowNotFoundError ||
              !(err instanceof WorkflowUpdateFailedError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
            )
              throw err;
            if (Date.now() + 250 > giveUpAt) {
              // A failed Update had no effect; one whose poll was cut off may have had.
              if (err instanceof WorkflowUpdateFailedError) {
                throw new AppError(
                  ErrorCode.TEMPORAL_UNAVAILABLE,
                  `The process could not take the command now (${err.cause?.message ?? err.message}): nothing was changed; try again in ${DEPENDENCY_RETRY_AFTER_S} s`,
                  [],
                  DEPENDENCY_RETRY_AFTER_S,
                );
              }
              throw err;
            }
            await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 200)));
          }
        }
      }, 'command');
    } catch (err) {
      const refused = refusalOf(err);
      if (refused)
        throw new AppError(
          REJECTION_CODES[refused.type as RejectionCode],
          refused.message,
          (refused.details?.[0] as FieldError[] | undefined) ?? [],
        );
      if (err instanceof WorkflowNotFoundError)
        throw new AppError(ErrorCode.TASK_CLOSED, `The process ${workflowId} has ended; it takes no more commands`);
      throw err;
    }
  }

  /**
   * Closes the connection once the calls still going have ended (bounded): closing under a call the SDK is about to
   * retry throws "Channel has been shut down" from a timer, which would end the process with an uncaught error.
   */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => (timer = setTimeout(resolve, 2 * CALL_DEADLINE_MS))),
    ]);
    clearTimeout(timer);
    await this.connection.close();
  }
}

/** The validator's refusal inside an Update's failure, if that is what it is. */
function refusalOf(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type && cause.type in REJECTION_CODES ? cause : undefined;
}
