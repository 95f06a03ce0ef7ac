import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a webhook receiver got: its headers and raw body, as signed. */
export interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A local HTTP server standing in for a chat tool's incoming webhook: keeps every request, answers `status()` (200
 * unless a test says otherwise: a 503 to be retried, a 404 to be refused).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  status: (request: Received) => number = () => 200;
  /** How long it takes to answer a request (a slow receiver): none unless a test says so. */
  delayMs: (request: Received) => number = () => 0;
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(request);
        const answer = () => res.writeHead(this.status(request), { 'content-type': 'text/plain' }).end('ok');
        const delay = this.delayMs(request);
        if (delay > 0) setTimeout(answer, delay);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
