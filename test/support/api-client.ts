/** A small HTTP client for end-to-end tests: JSON in, status and JSON out, and how long the call took. */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly ms: number;
  readonly headers: Headers;
}

export function apiClient(baseUrl: string) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    key?: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as T,
      ms: performance.now() - started,
      headers: res.headers,
    };
  };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
