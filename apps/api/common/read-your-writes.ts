/**
 * A process started a moment ago projects its first row right after; a 201 whose resource then answers 404 misleads
 * a client (and a fuzzer's read-after-write check). The answer waits for the row, polling within `timeoutMs`, and
 * falls back to what the start knows when the projection is slower (the process is started either way).
 */
export async function afterFirstProjection<T>(
  read: () => Promise<T | undefined>,
  fallback: () => T,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    // A read that fails (PostgreSQL gone a moment) must not turn a command that took effect into an error.
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() + delay > deadline) return fallback();
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
