import { Command } from 'commander';
import { addImportCommand } from './import/import.command.js';
import { addServeCommand } from './serve.command.js';

/** The `ledger` command line: `serve` by default. */
export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('A permanent, queryable record of every webhook Qualified sends')
    .showHelpAfterError()
    .exitOverride();
  addServeCommand(program);
  addImportCommand(program);
  return program;
}
