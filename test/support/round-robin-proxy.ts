import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One address in front of several API processes, as a load balancer puts it: each request goes to the next upstream
 * in turn; one that refuses the connection (its process is down) is skipped, as nginx's `proxy_next_upstream error`
 * does, since such a request never reached it. A request cut after it reached an upstream gets 502: its outcome is
 * unknown, and the client sends it again with the same X-Request-Id.
 */
export class RoundRobinProxy {
  private next = 0;
  /** Answers the proxy made itself, by status. */
  readonly ownAnswers: Record<number, number> = {};

  private constructor(
    private readonly server: Server,
    readonly upstreams: number[],
  ) {}

  static async start(upstreams: number[]): Promise<RoundRobinProxy> {
    const server = createServer();
    const proxy = new RoundRobinProxy(server, upstreams);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const attempt = (tried: number) => {
          const port = proxy.upstreams[proxy.next++ % proxy.upstreams.length];
          const up = request(
            {
              host: '127.0.0.1',
              port,
              method: req.method,
              path: req.url,
              headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1' },
            },
            (upRes) => {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              upRes.pipe(res);
            },
          );
          up.on('error', (err: NodeJS.ErrnoException) => {
            if (err.code === 'ECONNREFUSED' && tried + 1 < proxy.upstreams.length) return attempt(tried + 1);
            if (res.headersSent) return res.destroy();
            const status = err.code === 'ECONNREFUSED' ? 503 : 502;
            proxy.ownAnswers[status] = (proxy.ownAnswers[status] ?? 0) + 1;
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ statusCode: status, code: 'BAD_GATEWAY', message: `upstream: ${err.code}` }));
          });
          up.end(body);
        };
        attempt(0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
