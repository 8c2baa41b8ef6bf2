import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A projector in a child process (projection-runner-child.ts), to kill or pause. */
export interface RunnerChild {
  process: ChildProcess;
  /** Resolves with the first line of its output matching, or rejects if it exits first. */
  line(pattern: RegExp | string): Promise<string>;
  /** SIGKILLs it, if it still runs, and waits until it has gone. */
  kill(): Promise<void>;
}

/** Runs the counting projection of `version` over the two store files (see the child). */
export function startRunnerChild(
  eventsFile: string,
  readFile: string,
  version: string,
  halt?: string,
): RunnerChild {
  const child = spawn(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      'test/support/projection-runner-child.ts',
      eventsFile,
      readFile,
      version,
      ...(halt ? [halt] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const lines = createInterface({ input: child.stdout! });
  return {
    process: child,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const matches = (line: string) =>
          typeof pattern === 'string' ? line === pattern : pattern.test(line);
        lines.on('line', (line) => matches(line) && resolve(line));
        child.on('exit', () => reject(new Error(`the child ended before printing ${pattern}`)));
      }),
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}
