import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';

/** Each command line run compiles the sources first: seconds each. */
const SLOW_MS = 90_000;

/** A loopback port that takes connections and drops them at once, like a server still starting. */
async function startingUp(): Promise<{
  port: number;
  tried: Promise<void>;
  close(): Promise<void>;
}> {
  let tried!: () => void;
  const server: Server = createServer((socket) => {
    socket.destroy();
    tried();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    tried: new Promise((resolve) => (tried = resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('commands on EventStoreDB wait for it as serve does', () => {
  let dir: string;
  let esdb: EventStoreDBTestServer | undefined;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-wait-'))));
  afterEach(async () => {
    await esdb?.stop();
    esdb = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (port: number, timeoutMs: number) => ({
    DATA_DIR: dir,
    EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${port}?tls=false`,
    EVENTSTORE_CONNECT_TIMEOUT_MS: String(timeoutMs),
  });

  it(
    'import, status and rebuild stop with one line and exit 1 when EventStoreDB does not answer within the bound',
    async () => {
      const never = await startingUp();
      const file = join(dir, 'deliveries.ndjson');
      writeFileSync(file, '{"event":"team_candidate_archived","data":{"id":"a1"}}\n');
      try {
        const runs = await Promise.all(
          [['import', file], ['status'], ['rebuild', '--all']].map((args) =>
            runCli(args, env(never.port, 500)),
          ),
        );
        const bound = `EventStoreDB at esdb://127.0.0.1:${never.port}?tls=false did not answer within 500 ms (EVENTSTORE_CONNECT_TIMEOUT_MS)`;
        expect(runs.map((run) => run.code)).toEqual([1, 1, 1]);
        expect(runs.map((run) => run.stderr.trim().split('\n'))).toEqual([
          [expect.stringMatching(`^Cannot start: ${escape(bound)}`)],
          [expect.stringMatching(`^Cannot read the status: ${escape(bound)}`)],
          [expect.stringMatching(`^Cannot start: ${escape(bound)}`)],
        ]);
      } finally {
        await never.close();
      }
    },
    SLOW_MS,
  );

  it(
    'status waits for an EventStoreDB that comes up within the bound, then answers',
    async () => {
      const starting = await startingUp();
      const status = runCli(['status'], env(starting.port, 60_000));
      await starting.tried;
      await starting.close();
      esdb = await EventStoreDBTestServer.start({ port: starting.port });
      const run = await status;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Event store +eventstoredb, head at - \(empty log\)$/m);
    },
    SLOW_MS,
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
