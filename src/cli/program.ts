import { Command } from 'commander';
import { addImportCommand } from './import/import.command.js';
import { addRebuildCommand } from './rebuild/rebuild.command.js';
import { addServeCommand } from './serve.command.js';
import { addSimulateCommand } from './simulate/simulate.command.js';
import { addStatusCommand } from './status/status.command.js';

/** The `ledger` command line: `serve` by default. */
export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('A permanent, queryable record of every webhook Qualified sends')
    .addHelpText('after', '\nExit codes: 0 done, 1 failed, 2 the command line was wrong.')
    .showHelpAfterError()
    .exitOverride();
  addServeCommand(program);
  addImportCommand(program);
  addRebuildCommand(program);
  addStatusCommand(program);
  addSimulateCommand(program);
  return program;
}
