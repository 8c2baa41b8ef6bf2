import type { Command } from 'commander';
import { loadSettings } from '../../config/settings.js';
import { readStatus } from './read-status.js';
import { statusText } from './status-text.js';

export function addStatusCommand(program: Command): void {
  program
    .command('status')
    .summary('show projection positions, lag and state')
    .description(
      'Shows the log head, whether a projector is running, the spool depth with EventStoreDB, ' +
        'and for each projection its state, checkpoint, lag, parked events and rebuild progress.',
    )
    .addHelpText('after', '\nExit codes: 0 shown, 1 the stores could not be read.')
    .option('--json', 'one JSON document, for scripts')
    .action(async (options: { json?: boolean }) => {
      const settings = loadSettings();
      try {
        const report = await readStatus(settings);
        console.log(options.json ? JSON.stringify(report, null, 2) : statusText(report));
      } catch (error) {
        console.error(`Cannot read the status: ${(error as Error).message}`);
        process.exitCode = 1;
      }
    });
}
