import type { apiClient } from './api-client';

/** A general proposal circulated in network `tl` by `key`, closing `inMs` from now: its workflow id. */
export async function circulateDecision(
  call: ReturnType<typeof apiClient>,
  key: string,
  title: string,
  inMs: number,
): Promise<string> {
  const r = await call<{ workflowId: string }>('POST', '/networks/tl/decisions', key, {
    kind: 'general',
    title,
    text: 'As circulated',
    payload: {},
    deadline: new Date(Date.now() + inMs).toISOString(),
  });
  if (r.status !== 201) throw new Error(`circulating "${title}" answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.workflowId;
}
