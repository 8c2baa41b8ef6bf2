import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { InvalidSettingsError, loadSettings } from './config/settings.js';
import { startRoles } from './roles/start-roles.js';

async function main() {
  const settings = loadSettings();
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
}

main().catch((error: unknown) => {
  const message = error instanceof InvalidSettingsError ? error.message : String(error);
  console.error(`Cannot start: ${message}`);
  process.exit(1);
});
