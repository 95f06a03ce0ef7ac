/**
 * The HTTP API, as the pages call it: same origin, the session cookie, and on every command the session's CSRF token
 * (from GET /session). A refusal becomes an ApiError with the API's code, message and the fields it names.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Kept from GET /session: every command sends it back. */
export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = parseBody(text);
  if (!res.ok) {
    const e = (parsed ?? {}) as { code?: string; message?: string; details?: FieldError[] };
    throw new ApiError(res.status, e.code ?? String(res.status), e.message ?? res.statusText, e.details ?? []);
  }
  return parsed as T;
}

/** JSON, or nothing: a proxy's HTML error page (a 502 from a gateway) becomes a refusal with its status, not a crash. */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);

/** A path segment, escaped (task ids hold colons). */
export const seg = (s: string) => encodeURIComponent(s);
