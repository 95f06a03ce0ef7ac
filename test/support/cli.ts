import { PassThrough } from 'node:stream';

import { main } from '../../apps/cli/mignet';

/** Runs the `mignet` CLI in this process; returns its exit code and what it wrote to each stream. */
export async function mignet(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => (chunks.out += c.toString()));
  err.on('data', (c: Buffer) => (chunks.err += c.toString()));
  const code = await main(argv, out, err);
  return { code, ...chunks };
}
