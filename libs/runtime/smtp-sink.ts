import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The message as it came, headers and all (RFC 5322). */
  readonly raw: Buffer;
  readonly from: string;
  readonly to: readonly string[];
}

export interface SmtpSink {
  /** smtp://host:port, for SMTP_URL. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server that keeps what it receives (`onMail`): the embedded default's local sink (`npm start`, which writes
 * each mail to .data/mail) and the tests' mail server. `refuse` answers a recipient with 550, as a server refusing an
 * address does (a bounce). No TLS and any login: it listens on loopback only.
 */
export async function startSmtpSink(options: {
  readonly port?: number;
  readonly host?: string;
  readonly onMail: (mail: ReceivedMail) => void;
  readonly refuse?: (address: string) => boolean;
  readonly onClientError?: (err: Error) => void;
}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'mignet local mail sink',
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sink' }),
    onRcptTo: (address, _session, callback) => {
      if (options.refuse?.(address.address)) {
        const err = Object.assign(new Error(`No such user here: ${address.address}`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        options.onMail({
          raw: Buffer.concat(chunks),
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // A client that goes away mid-session (a worker killed while sending) resets its socket: smtp-server reports that
  // as an error event, which must not bring this process down; the client sends the mail again.
  server.on('error', (err: Error) => options.onClientError?.(err));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
