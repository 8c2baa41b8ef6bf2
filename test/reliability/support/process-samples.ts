import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerProcess } from '../../support/server-process.js';
import { scrapeMetrics } from './metrics.js';
import { repeatUntilStopped } from './repeat-until-stopped.js';

const MB = 1024 * 1024;

/**
 * What a soak watches in the server process: the metric that reports it, and how much its
 * trend may rise over a run (see growingFigures). Handles are sockets, servers and pipes;
 * resources are those, timers and requests in flight. In a sound one-minute run here the
 * lines rose by about 13 MB of RSS (SQLite's page caches filling as the files grow), under
 * 1 MB of heap and no handle; keeping 2.3 KB of strings for every request made the heap's
 * rise 11.7 MB, keeping 20 KB of buffers the RSS's 117 MB.
 */
export const FIGURES = {
  rss: { metric: 'ledger_process_resident_memory_bytes', unit: MB, limit: 64 * MB },
  heapUsed: { metric: 'ledger_nodejs_heap_size_used_bytes', unit: MB, limit: 8 * MB },
  handles: { metric: 'ledger_nodejs_active_handles_total', unit: 1, limit: 10 },
  resources: { metric: 'ledger_nodejs_active_resources_total', unit: 1, limit: 10 },
} as const;

export type Figure = keyof typeof FIGURES;

export interface Sample {
  /** Since sampling started. */
  seconds: number;
  values: Record<Figure, number>;
}

/** How a server must be started to be sampled: SIGUSR2 then collects all its garbage. */
export const SAMPLED_SERVER_ENV = {
  NODE_OPTIONS: `--expose-gc --import ${new URL('./gc-on-signal.mjs', import.meta.url).href}`,
};

/** Time for the server to get to the signal before it is scraped. */
const GC_SETTLE_MS = 200;

export interface Sampler {
  /** Stops sampling; resolves with every sample taken. */
  stop(): Promise<Sample[]>;
}

/**
 * Samples the server's figures from its /metrics every `everyMs` until stopped, each right
 * after a full garbage collection: the heap then holds what is still referenced, not what
 * the collector has yet to reclaim.
 */
export function startSampling(server: ServerProcess, everyMs: number): Sampler {
  const samples: Sample[] = [];
  const started = performance.now();
  const sampling = repeatUntilStopped(async () => {
    server.child.kill('SIGUSR2');
    await sleep(GC_SETTLE_MS);
    const seconds = (performance.now() - started) / 1000;
    samples.push({ seconds, values: figuresOf(await scrapeMetrics(server.ingestUrl!)) });
    await sleep(everyMs);
  });
  return {
    stop: async () => {
      await sampling.stop();
      return samples;
    },
  };
}

function figuresOf(metrics: Map<string, number>): Record<Figure, number> {
  const entries = Object.entries(FIGURES).map(([figure, { metric }]) => {
    const value = metrics.get(metric);
    if (value === undefined) throw new Error(`/metrics has no ${metric}`);
    return [figure, value];
  });
  return Object.fromEntries(entries) as Record<Figure, number>;
}
