import { execFile } from 'node:child_process';
import { join } from 'node:path';
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

/** Runs `bin/mignet.js` as a process of its own, its output through pipes, as a shell pipeline would read it. */
export function bin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const script = join(__dirname, '..', '..', 'bin', 'mignet.js');
  return new Promise((resolve) =>
    execFile(process.execPath, [script, ...argv], { maxBuffer: 64 * 1024 * 1024 }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    ),
  );
}
