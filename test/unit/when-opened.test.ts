import { AppError, DEPENDENCY_RETRY_AFTER_S } from '../../apps/api/common/app-error';
import { ErrorCode } from '../../apps/api/common/error-code';
import { whenOpened } from '../../apps/api/tasks/when-opened';

/** A completion whose workflow is behind its read model waits for it (bounded), and nothing else is retried. */
describe('whenOpened', () => {
  const notYet = () => new AppError(ErrorCode.TASK_NOT_FOUND, 'No such task in this process');
  const noWait = () => Promise.resolve();

  it('sends again while the workflow has no such task, and answers what it answers once it has', async () => {
    let sent = 0;
    const answer = await whenOpened(
      async () => {
        sent++;
        if (sent < 3) throw notYet();
        return 'completed';
      },
      60_000,
      noWait,
    );
    expect({ answer, sent }).toEqual({ answer: 'completed', sent: 3 });
  });

  it('answers 503 PROCESS_CATCHING_UP after the wait (the task exists, its process is behind), and any other refusal at once', async () => {
    let sent = 0;
    await expect(
      whenOpened(
        () => {
          sent++;
          return Promise.reject(notYet());
        },
        0,
        noWait,
      ),
    ).rejects.toMatchObject({ code: ErrorCode.PROCESS_CATCHING_UP, retryAfterSeconds: DEPENDENCY_RETRY_AFTER_S });
    expect(sent).toBe(1);
    sent = 0;
    await expect(
      whenOpened(
        () => {
          sent++;
          return Promise.reject(new AppError(ErrorCode.TASK_CLOSED, 'closed'));
        },
        60_000,
        noWait,
      ),
    ).rejects.toMatchObject({ code: ErrorCode.TASK_CLOSED });
    expect(sent).toBe(1);
  });
});
