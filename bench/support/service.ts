import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { compiledPath } from './compile.js';
import { REPO } from './paths.js';

export const BENCH_TOKEN = 'bench-secret-0123456789abcdef';

export interface ServiceOptions {
  dataDir: string;
  /** Default: all roles. */
  roles?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Its log: DATA_DIR/../<name>.log; default, the data directory's name. */
  logName?: string;
}

export interface BenchService {
  pid: number;
  ingestUrl?: string;
  queryUrl?: string;
  /** Where webhooks go, with the bench token in the path. */
  webhookUrl: string;
  /** SIGTERM, as a deployment stops it (a CPU profile is written then). */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Runs `ledger serve` (compiled, see compile.ts) in its own process on free loopback ports, as the tests
 * do, with its logs (JSON, at the default level) going to DATA_DIR/../<name>.log rather than
 * through a pipe to this process, which is busy measuring.
 */
export async function startService(options: ServiceOptions): Promise<BenchService> {
  const logFile = options.logName
    ? join(dirname(options.dataDir), `${options.logName}.log`)
    : `${options.dataDir}.log`;
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), compiledPath(join(REPO, 'src/main.ts')), 'serve'],
    {
      cwd: REPO,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATA_DIR: options.dataDir,
        HOST: '127.0.0.1',
        INGEST_PORT: '0',
        QUERY_PORT: '0',
        LOG_FORMAT: 'json',
        WEBHOOK_TOKENS: `bench:${BENCH_TOKEN}`,
        ...(options.roles ? { ROLES: options.roles } : {}),
        ...options.env,
      },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  let exitCode: number | string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal ?? 'unknown';
      resolve();
    }),
  );
  let urls: { ingestUrl?: string; queryUrl?: string };
  try {
    urls = await waitUntilRunning(logFile, () => exitCode);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const service: BenchService = {
    pid: child.pid!,
    ...urls,
    webhookUrl: `${urls.ingestUrl}/webhooks/qualified/${BENCH_TOKEN}`,
    stop: async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
  return service;
}

async function waitUntilRunning(logFile: string, exitCode: () => number | string | undefined) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const lines = readFileSync(logFile, 'utf8').split('\n');
    const messages = lines.map((line) => (safeParse(line) as { msg?: string }).msg ?? '');
    if (messages.some((message) => message.startsWith('Running '))) {
      return {
        ingestUrl: find(messages, /^Ingest API on (\S+)/),
        queryUrl: find(messages, /^Query API on (\S+)/),
      };
    }
    const code = exitCode();
    if (code !== undefined || Date.now() > deadline) {
      const why = code !== undefined ? `exited (${code})` : 'did not start in time';
      throw new Error(`The service ${why}; its log:\n${lines.slice(-30).join('\n')}`);
    }
    await sleep(50);
  }
}

function find(messages: string[], pattern: RegExp): string | undefined {
  for (const message of messages) {
    const found = pattern.exec(message)?.[1];
    if (found) return found;
  }
  return undefined;
}

function safeParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return {};
  }
}
