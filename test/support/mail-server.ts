import { ParsedMail, simpleParser } from 'mailparser';

import { ReceivedMail, SmtpSink, startSmtpSink } from '../../libs/runtime/smtp-sink';

/** A parsed mail, with the envelope it came in. */
export type Mail = ParsedMail & { readonly envelopeTo: readonly string[] };

/**
 * The test stack's real SMTP server (smtp-server): it keeps every message; `stop()` and `start()` take it down and
 * bring it back on the same port (mail meanwhile must wait in the outbox); `refuse` makes it answer 550 for an address.
 */
export class MailServer {
  readonly received: ReceivedMail[] = [];
  readonly refused = new Set<string>();
  private sink?: SmtpSink;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.sink = await startSmtpSink({
      port: this.port,
      onMail: (m) => this.received.push(m),
      refuse: (address) => this.refused.has(address.toLowerCase()),
    });
    this.port = this.sink.port;
    return this;
  }

  async stop(): Promise<void> {
    await this.sink?.close();
    this.sink = undefined;
  }

  /** Every message received so far, parsed (mailparser). */
  async mails(): Promise<Mail[]> {
    return Promise.all(this.received.map(async (m) => Object.assign(await simpleParser(m.raw), { envelopeTo: m.to })));
  }
}
