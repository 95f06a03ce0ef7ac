import { AppError, DEPENDENCY_RETRY_AFTER_S } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

/** How long a completion waits for a workflow to reach a task its read model already shows. */
export const OPENING_WAIT_MS = 10_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a task's completion; while its workflow answers that it has no such task, sends it again, for `waitMs`. The
 * caller found the task in the read model, which only a workflow writes: a workflow that does not know it yet is
 * behind its own projection. That happens when a worker dies after a workflow task projected the task (a timer had
 * opened it) but before the task completed: the retried workflow task takes the waiting Updates before the timer, so
 * their validators run where the task is not open yet (test/production's agencies met it as a 404). Resending is safe:
 * a refused Update changed nothing and is not kept, so the same Update id may be sent again. A workflow still behind
 * after the wait (its workers are down, or Temporal or PostgreSQL is recovering: seen in test/production) is a 503:
 * the task exists, nothing was changed, and the client's resend with the same request id is the remedy, not a 404.
 */
export async function whenOpened<T>(
  send: () => Promise<T>,
  waitMs = OPENING_WAIT_MS,
  wait: (ms: number) => Promise<void> = pause,
): Promise<T> {
  const giveUpAt = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof AppError && err.code === ErrorCode.TASK_NOT_FOUND)) throw err;
      if (Date.now() >= giveUpAt)
        throw new AppError(
          ErrorCode.PROCESS_CATCHING_UP,
          `The process has not reached this task yet (it is recovering); nothing was changed: send the same request again`,
          [],
          DEPENDENCY_RETRY_AFTER_S,
        );
      await wait(Math.min(100 * attempt, 1_000));
    }
  }
}
