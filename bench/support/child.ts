import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compiledPath } from './compile.js';
import { REPO } from './paths.js';
import { watchPeakRss } from './rss.js';

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. --max-old-space-size or --cpu-prof. */
  nodeArgs?: string[];
}

/**
 * A bench script run in its own process, compiled (see compile.ts). It talks back with `report()` lines;
 * `next()` gives them one at a time, `result()` the last one once it has exited cleanly.
 */
export class BenchChild {
  readonly process: ChildProcess;
  readonly exited: Promise<number | string>;
  private readonly messages: unknown[] = [];
  private readonly waiters: ((message: unknown) => void)[] = [];
  private last: unknown;
  private peakRss: number | undefined;

  constructor(script: string, input: unknown, options: ChildOptions = {}) {
    this.process = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), compiledPath(script), JSON.stringify(input)],
      {
        cwd: REPO,
        env: { ...process.env, NODE_OPTIONS: '', BENCH_REPO: REPO, ...options.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const rss = watchPeakRss(this.process.pid!);
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => {
        this.peakRss = rss.stop();
        resolve(code ?? signal ?? 'unknown');
      }),
    );
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      if (!line.startsWith('BENCH ')) return void process.stderr.write(`${line}\n`);
      const message: unknown = JSON.parse(line.slice('BENCH '.length));
      this.last = message;
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.messages.push(message);
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** The next message; rejects if the child exits first. */
  next<T>(): Promise<T> {
    if (this.messages.length > 0) return Promise.resolve(this.messages.shift() as T);
    return new Promise<T>((resolve, reject) => {
      this.waiters.push(resolve as (message: unknown) => void);
      void this.exited.then((code) => reject(new Error(`bench child exited (${code})`)));
    });
  }

  /** Waits for the child to end; its last message, or an error if it failed. */
  async result<T>(): Promise<T> {
    const code = await this.exited;
    if (code !== 0) throw new Error(`bench child exited (${code})`);
    return this.last as T;
  }

  /** The child's peak RSS as sampled from outside every 100 ms, in MB, once it has exited. */
  peakRssMb(): number | undefined {
    return this.peakRss;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
    }
    await this.exited;
  }
}

/** Runs a bench child to its end and returns its last message. */
export function runBenchChild<T>(script: string, input: unknown, options?: ChildOptions) {
  return new BenchChild(script, input, options).result<T>();
}
