import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of one request (or one activity) carries, wherever in the code it is written. */
export interface LogContext {
  requestId?: string;
  network?: string;
  /** Who acts: the agency and role of the API key, with the key's id (never the key). */
  person?: string;
  workflowId?: string;
}

const store = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with a context of its own; what `addToLogContext` adds inside it stays inside it. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return store.run({ ...fields }, fn);
}

/** Adds fields to the current context (the guard learns the network and person, the client the workflow id). */
export function addToLogContext(fields: LogContext): void {
  const current = store.getStore();
  if (current) Object.assign(current, fields);
}

/** Runs `fn` outside any request's context: background work started by a request must not log as that request. */
export function outsideLogContext<T>(fn: () => T): T {
  return store.exit(fn);
}

export function currentLogContext(): Readonly<LogContext> | undefined {
  return store.getStore();
}
