import { Logger } from '@nestjs/common';
import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import { startRoles } from '../roles/start-roles.js';

/** Longest a stop may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

export function addServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .summary('run the service (what `npm start` runs)')
    .description('Runs the service: all roles, or those named.')
    .addHelpText(
      'after',
      '\nExit codes: 0 stopped by SIGTERM or SIGINT, 1 could not start or did not stop in time.',
    )
    .option('--roles <roles>', 'comma-separated roles: ingest, projector, query (default: all)')
    .action(async (options: { roles?: string }) => {
      const settings = loadSettings(
        options.roles ? { ...process.env, ROLES: options.roles } : process.env,
      );
      const running = await startRoles(settings);
      const logger = new Logger('Ledger');
      if (running.ingestUrl) logger.log(`Ingest API on ${running.ingestUrl}`);
      if (running.queryUrl) logger.log(`Query API on ${running.queryUrl} (OpenAPI at /docs)`);
      logger.log(`Running ${settings.ROLES} with the ${settings.EVENT_STORE} event store`);
      const stop = async (signal: string) => {
        logger.log(`${signal}: finishing in-flight work and closing the stores`);
        const overdue = setTimeout(() => {
          logger.error(`Still not stopped after ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
          process.exit(1);
        }, SHUTDOWN_TIMEOUT_MS);
        await running.close();
        clearTimeout(overdue);
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}
