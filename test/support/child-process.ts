import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * An entry point of the product run as a process of its own: the TypeScript source through ts-node (`start`), or the
 * compiled JavaScript in dist/ as production runs it (`compiled`, after `compileProduct()`).
 */
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
    return Child.spawn(
      name,
      ['-r', require.resolve('ts-node/register/transpile-only'), join(ROOT, script), ...args],
      env,
    );
  }

  /** A plain JavaScript file (a test's helper server, e.g. an ESM one jest could not load). */
  static script(name: string, script: string, env: Record<string, string>): Child {
    return Child.spawn(name, [join(ROOT, script)], env);
  }

  /** `apps/worker/main.ts` runs as `node dist/apps/worker/main.js`. */
  static compiled(name: string, script: string, args: string[], env: Record<string, string>): Child {
    return Child.spawn(name, [join(ROOT, 'dist', script.replace(/\.ts$/, '.js')), ...args], env);
  }

  private static spawn(name: string, args: string[], env: Record<string, string>): Child {
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
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

  /** What it printed (the last 100 to 200 kB of it). */
  get text(): string {
    return this.output;
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

/** Compiles the product into dist/ (`npm run compile`: tsc, incremental), for `Child.compiled`. */
export function compileProduct(): void {
  execFileSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      'dist/.tsbuildinfo',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
}
