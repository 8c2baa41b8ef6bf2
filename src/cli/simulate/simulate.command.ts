import type { Command } from 'commander';
import { withoutSecrets } from '../../platform/logging/without-secrets.js';
import { simulatedTraffic } from '../../simulation/webhook-bodies.js';
import { httpUrl, integer, positiveInteger, positiveNumber } from '../option-parsers.js';
import { allAccepted, sendDeliveries, type SendSummary } from './send-deliveries.js';

/** Most requests in flight at once. */
const CONCURRENCY = 8;
const PROGRESS_EVERY_MS = 2000;

interface SimulateOptions {
  url: string;
  candidates: number;
  rate: number;
  duration?: number;
  seed: number;
}

export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .summary('post realistic Qualified traffic to a URL')
    .description(
      'Posts the webhooks of a generated Qualified history (invitations to decisions, both ' +
        'name generations, repeats, late deliveries) to a webhook URL, at a steady rate; the ' +
        'same seed sends the same bodies.',
    )
    .addHelpText('after', '\nExit codes: 0 every answer was 2xx, 1 otherwise.')
    .requiredOption('--url <url>', 'the webhook URL, token included', httpUrl)
    .option(
      '--candidates <n>',
      'candidates in the history, about 30 deliveries each',
      positiveInteger,
      100,
    )
    .option(
      '--rate <r>',
      `deliveries per second (at most ${CONCURRENCY} in flight)`,
      positiveNumber,
      20,
    )
    .option(
      '--duration <s>',
      'stop after this many seconds (default: when the history is sent)',
      positiveNumber,
    )
    .option('--seed <x>', 'seed of the generated history', integer, 1)
    .action(async (options: SimulateOptions) => {
      const bodies = simulatedTraffic({ seed: options.seed, candidates: options.candidates });
      const started = performance.now();
      const summary = await sendDeliveries(bodies, {
        url: options.url,
        rate: options.rate,
        concurrency: CONCURRENCY,
        durationMs: options.duration === undefined ? undefined : options.duration * 1000,
        onAnswer: throttled((sofar) =>
          process.stderr.write(`${sofar.sent}/${bodies.length} sent\n`),
        ),
      });
      console.log(describe(summary, options.url, (performance.now() - started) / 1000));
      process.exitCode = allAccepted(summary) ? 0 : 1;
    });
}

function throttled(report: (summary: SendSummary) => void) {
  let last = performance.now();
  return (summary: SendSummary) => {
    if (performance.now() - last < PROGRESS_EVERY_MS) return;
    last = performance.now();
    report(summary);
  };
}

/** `Sent 152 deliveries to … in 1.6 s: 202 × 150, 503 × 2; errors: none`. */
function describe(summary: SendSummary, url: string, seconds: number): string {
  const { origin, pathname, search } = new URL(url);
  const tally = (counts: Map<number | string, number>) =>
    [...counts].map(([key, n]) => `${key} × ${n}`).join(', ') || 'none';
  return (
    `Sent ${summary.sent} deliveries to ${origin}${withoutSecrets(pathname + search)} in ` +
    `${seconds.toFixed(1)} s: ${tally(summary.statuses)}; errors: ${tally(summary.errors)}`
  );
}
