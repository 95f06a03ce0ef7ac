import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now: the OS picks it, or, with `below`, one of the range under it. */
export async function freePort(below?: number): Promise<number> {
  if (below === undefined) return listenOn(0);
  for (let tries = 0; tries < 100; tries++) {
    const port = 20_000 + Math.floor(Math.random() * (below - 20_000));
    if (handedOut.has(port)) continue; // free now, but another caller of this process was given it
    const bound = await listenOn(port).catch(() => undefined);
    if (bound) {
      handedOut.add(bound);
      return bound;
    }
  }
  throw new Error(`no free port from 20000 to ${below}`);
}

const handedOut = new Set<number>();

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}
