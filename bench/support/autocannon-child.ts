import autocannon from 'autocannon';
import { childInput, report, runChild } from './child-io.js';
import { percentile } from './stats.js';
import { bodyTemplates, rotatingBodies } from './webhook-bodies.js';

/** What one load run does: POST rotating webhook bodies, or GET rotating paths. */
export interface LoadPlan {
  origin: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  webhooks?: { path: string };
  paths?: string[];
}

export interface LoadFigures {
  /** 2xx answers per second. */
  okPerSec: number;
  ok: number;
  other: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
}

/** Load generator, in its own process: autocannon against `origin`, with a warm-up first. */
runChild(async () => {
  const plan = childInput<LoadPlan>();
  const warmup = plan.warmupSec > 0 ? await load(plan, plan.warmupSec) : undefined;
  report({ ...(await load(plan, plan.durationSec)), warmupOk: warmup?.ok ?? 0 });
});

async function load(plan: LoadPlan, durationSec: number): Promise<LoadFigures> {
  const nextRequest = requestMaker(plan);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.origin,
        connections: plan.connections,
        duration: durationSec,
        requests: [{ setupRequest: (request) => ({ ...request, ...nextRequest() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const ok = latencies.length;
  const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  return {
    okPerSec: ok / result.duration,
    ok,
    other: total - ok,
    errors: result.errors,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    statuses,
  };
}

function requestMaker(plan: LoadPlan): () => autocannon.Request {
  if (plan.webhooks) {
    const nextBody = rotatingBodies(bodyTemplates());
    const { path } = plan.webhooks;
    const headers = { 'content-type': 'application/json', 'user-agent': 'Qualified-Webhooks/1.0' };
    return () => ({ method: 'POST', path, headers, body: nextBody() });
  }
  const paths = plan.paths ?? ['/'];
  let i = 0;
  return () => ({ method: 'GET', path: paths[i++ % paths.length] });
}
