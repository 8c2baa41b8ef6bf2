import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  child: ChildProcess;
  ingestUrl?: string;
  queryUrl?: string;
  /** The last log lines (JSON), for failure messages; a long run keeps only the latest. */
  logs: string[];
  /** All the process wrote to stderr. */
  stderr: string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Runs `ledger serve` from source in a child process on free loopback ports, and waits
 * until it has said where it listens and that it runs.
 */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'src/main.ts', 'serve'],
    {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        HOST: '127.0.0.1',
        INGEST_PORT: '0',
        QUERY_PORT: '0',
        LOG_FORMAT: 'json',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const server: ServerProcess = {
    child,
    logs: [],
    stderr: '',
    exited: new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    ),
  };
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(server.logs, line);
      const message = (safeParse(line) as { msg?: string }).msg ?? '';
      server.ingestUrl ??= /^Ingest API on (\S+)/.exec(message)?.[1];
      server.queryUrl ??= /^Query API on (\S+)/.exec(message)?.[1];
      if (/^Running /.test(message)) resolve();
    });
    child.stderr!.on('data', (chunk) => {
      server.stderr += String(chunk);
      keep(server.logs, String(chunk));
    });
    void server.exited.then((code) =>
      reject(
        new Error(`the server exited (${code}) before it was ready:\n${server.logs.join('\n')}`),
      ),
    );
  });
  return server;
}

const KEPT_LOG_LINES = 500;

function keep(logs: string[], line: string): void {
  logs.push(line);
  if (logs.length > KEPT_LOG_LINES) logs.shift();
}

function safeParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return {};
  }
}
