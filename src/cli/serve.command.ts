import { Logger } from '@nestjs/common';
import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import { startRoles } from '../roles/start-roles.js';

export function addServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('run the service: all roles, or those named (what `npm start` runs)')
    .option('--roles <roles>', 'comma-separated roles: ingest, projector, query (default: all)')
    .action(async (options: { roles?: string }) => {
      const settings = loadSettings(
        options.roles ? { ...process.env, ROLES: options.roles } : process.env,
      );
      const running = await startRoles(settings);
      const logger = new Logger('Ledger');
      logger.log(`Running ${settings.ROLES} with the ${settings.EVENT_STORE} event store`);
      if (running.ingestUrl) logger.log(`Ingest API on ${running.ingestUrl}`);
      if (running.queryUrl) logger.log(`Query API on ${running.queryUrl} (OpenAPI at /docs)`);
      const stop = async (signal: string) => {
        logger.log(`${signal}: finishing in-flight work and closing the stores`);
        await running.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}
