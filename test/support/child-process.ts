import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A TypeScript entry point of the product run as a process of its own (ts-node, as `npm run start:*` runs it). */
export class Child {
  private output = '';
  private readonly waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
      this.waiters.splice(0).forEach((w) => w());
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  static start(name: string, script: string, args: string[], env: Record<string, string>): Child {
    const proc = spawn(
      process.execPath,
      ['-r', require.resolve('ts-node/register/transpile-only'), join(ROOT, script), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    return new Child(name, proc);
  }

  /** Waits until the output (since `from`) matches, or fails with what the process printed. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.output.slice(from).match(pattern);
      if (found) return found;
      if (Date.now() > deadline || this.proc.exitCode !== null) {
        throw new Error(
          `${this.name} did not print ${pattern} within ${timeoutMs} ms (exit ${this.proc.exitCode}); it printed:\n${this.output.slice(-3000)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get printed(): number {
    return this.output.length;
  }

  send(line: string): void {
    this.proc.stdin?.write(`${line}\n`);
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    await this.exited;
  }
}
