import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { loadSettings, type Settings } from '../../config/settings.js';
import { KnownEvents } from '../../ingest/delivery/known-events.js';
import { IngestModule } from '../../ingest/ingest.module.js';
import { ResourcesModule } from '../../roles/resources.module.js';
import {
  closeSharedResources,
  openReadyResources,
  type SharedResources,
} from '../../roles/shared-resources.js';
import { importDeliveries, type ImportSummary } from './import-deliveries.js';
import { ndjsonLines } from './ndjson-lines.js';

@Module({})
class ImportModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    return {
      module: ImportModule,
      imports: [
        ResourcesModule.forRoot(settings, resources),
        CqrsModule.forRoot(),
        IngestModule.forRoot(settings),
      ],
    };
  }
}

/** Exit code when the import finished but some lines were rejected (and kept as such). */
export const SOME_LINES_REJECTED = 3;

export function addImportCommand(program: Command): void {
  program
    .command('import')
    .summary('backfill webhook bodies from an NDJSON file')
    .description(
      'backfill webhook bodies from NDJSON, one {event, data} a line with an optional receivedAt; ' +
        `lines already imported are skipped; exits ${SOME_LINES_REJECTED} when some lines were rejected`,
    )
    .argument('<file>', 'the NDJSON file, or - for standard input')
    .action(async (file: string) => {
      const settings = loadSettings();
      const resources = await openReadyResources(settings);
      const app = await NestFactory.createApplicationContext(
        ImportModule.forRoot(settings, resources),
        {
          logger: ['error', 'warn'],
        },
      );
      try {
        const input = file === '-' ? process.stdin : createReadStream(file);
        const summary = await importDeliveries(
          ndjsonLines(input, settings.WEBHOOK_BODY_LIMIT),
          app.get(CommandBus),
          new KnownEvents(resources.eventStore),
          { maxListItems: settings.WEBHOOK_LIST_LIMIT },
          throttledProgress(),
        );
        report(summary);
        process.exitCode = summary.rejected.length > 0 ? SOME_LINES_REJECTED : 0;
      } finally {
        await app.close();
        await closeSharedResources(resources);
      }
    });
}

function throttledProgress() {
  const started = Date.now();
  let last = started;
  return (summary: ImportSummary) => {
    const now = Date.now();
    if (now - last < 2000) return;
    last = now;
    const rate = Math.round(summary.lines / ((now - started) / 1000));
    process.stderr.write(`${summary.lines} lines, ${rate} lines/s\n`);
  };
}

function report(summary: ImportSummary): void {
  console.log(
    `Imported ${summary.lines} lines: ${summary.stored} stored, ${summary.unrecognised} unrecognised ` +
      `(kept), ${summary.alreadyStored} already stored, ${summary.rejected.length} rejected`,
  );
  for (const { line, reason } of summary.rejected) console.log(`  line ${line}: ${reason}`);
}
