import type { Command } from 'commander';
import { loadSettings, type Settings } from '../../config/settings.js';
import { READ_MODEL_PROJECTIONS } from '../../projections/read-models.js';
import { ProjectionRunner } from '../../projections/runner/projection-runner.js';
import { ProjectionStatusService } from '../../projections/runner/projection-status.service.js';
import { RebuildService } from '../../projections/runner/rebuild.service.js';
import { createProjectorApp } from '../../roles/projector.app.js';
import type { SharedResources } from '../../roles/shared-resources.js';
import { withResources } from '../with-resources.js';
import { awaitRebuilds, type RebuildOutcome } from './await-rebuilds.js';
import { progressDisplay } from './progress-display.js';

const KNOWN = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

export function addRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .summary('rebuild projections from the log')
    .description(
      'Rebuilds projections from the log beside the live ones and swaps each in once caught ' +
        'up. While a server projects the same data, its projector does the work and this ' +
        'watches; otherwise this runs a projector until the rebuilds are swapped in.',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 all swapped in, 1 a rebuild stopped on an error or was interrupted,\n' +
        '2 an unknown projection or bad arguments.',
    )
    .argument('[projection...]', `the projections to rebuild: ${KNOWN.join(', ')}`)
    .option('--all', 'rebuild every projection')
    .action(async (names: string[], options: { all?: boolean }, command: Command) => {
      const chosen = chooseProjections(names, options.all === true, command);
      // Progress and the summary are the output; the projector's own logs only when they matter.
      const settings = loadSettings({ LOG_LEVEL: 'warn', ...process.env });
      const started = performance.now();
      const outcome = await withResources(settings, (resources) =>
        rebuild(settings, resources, chosen),
      );
      report(chosen, outcome, (performance.now() - started) / 1000);
      process.exitCode = outcome.result === 'done' ? 0 : 1;
    });
}

/** The named projections, or all; a usage error (exit 2) names the known ones. */
function chooseProjections(names: string[], all: boolean, command: Command): string[] {
  if (all && names.length > 0) command.error('error: name projections or give --all, not both');
  if (all) return KNOWN;
  if (names.length === 0) command.error('error: name the projections to rebuild, or give --all');
  const unknown = names.filter((name) => !KNOWN.includes(name));
  if (unknown.length > 0) {
    command.error(
      `error: no projection is named ${unknown.map((name) => `"${name}"`).join(', ')}; ` +
        `the projections are: ${KNOWN.join(', ')}`,
    );
  }
  return [...new Set(names)];
}

/**
 * Runs a projector in this process, so that the rebuild goes on whether or not another
 * projector holds the lease now, then asks for the rebuilds and follows them.
 */
async function rebuild(
  settings: Settings,
  resources: SharedResources,
  names: string[],
): Promise<RebuildOutcome> {
  const app = await createProjectorApp(settings, resources);
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const display = progressDisplay(process.stdout);
  try {
    const runner = app.get(ProjectionRunner);
    const status = app.get(ProjectionStatusService);
    console.log(await modeLine(runner, status, names));
    for (const name of names) await app.get(RebuildService).request(name);
    return await awaitRebuilds(names, { status, runner, display, signal: interrupt.signal });
  } finally {
    display.stop();
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await app.close();
  }
}

async function modeLine(
  runner: ProjectionRunner,
  status: ProjectionStatusService,
  names: string[],
): Promise<string> {
  const what = `Rebuilding ${names.join(', ')}`;
  if (runner.state === 'active') return `${what}: no projector is running, so this process does it`;
  const holder = (await status.projector())?.holder ?? 'another process';
  return `${what}: the running projector ${holder} does it; watching its progress`;
}

function report(names: string[], outcome: RebuildOutcome, seconds: number): void {
  const { progress, projectors } = outcome;
  const by = [...projectors].join(' and ');
  const rate = Math.round(progress.done / Math.max(seconds, 0.001));
  if (outcome.result === 'done') {
    console.log(
      `Rebuilt ${names.join(', ')} in ${seconds.toFixed(1)} s: ` +
        `${progress.done} events, ${rate} events/s, by ${by}`,
    );
  }
  for (const { name, error } of outcome.failures) {
    console.error(`The rebuild of ${name} stopped with an error:\n${error}`);
  }
  if (outcome.result === 'interrupted') {
    console.error(
      `Interrupted after ${progress.swappedIn} of ${names.length} swapped in; ` +
        'the rest resume where they stopped the next time a projector runs',
    );
  }
}
