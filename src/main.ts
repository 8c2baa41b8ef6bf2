import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { InvalidSettingsError, loadSettings } from './config/settings.js';
import { createServer } from './server.js';

async function main() {
  const settings = loadSettings();
  const app = await createServer(settings);
  await app.listen(settings.INGEST_PORT, settings.HOST);
  new Logger('Ledger').log(
    `Listening on http://${settings.HOST}:${settings.INGEST_PORT} with the ${settings.EVENT_STORE} event store`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof InvalidSettingsError ? error.message : String(error);
  console.error(`Cannot start: ${message}`);
  process.exit(1);
});
