import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Settings } from '../config/settings.js';
import { createIngestApp } from './ingest.app.js';
import { createProjectorApp } from './projector.app.js';
import { createQueryApp } from './query.app.js';
import {
  closeSharedResources,
  openReadyResources,
  type SharedResources,
} from './shared-resources.js';

export type Role = 'ingest' | 'projector' | 'query';

export interface RunningRoles {
  resources: SharedResources;
  ingestUrl?: string;
  queryUrl?: string;
  /** Stops accepting requests, lets the roles finish, then closes the stores. */
  close(): Promise<void>;
}

/** Starts the roles the settings name in this process, sharing one set of stores. */
export async function startRoles(settings: Settings): Promise<RunningRoles> {
  const roles = new Set(settings.ROLES.split(',') as Role[]);
  const resources = await openReadyResources(settings);
  const apps: NestFastifyApplication[] = [];
  let projector: INestApplicationContext | undefined;
  const running: RunningRoles = {
    resources,
    close: async () => {
      for (const app of apps) await closeGracefully(app);
      await projector?.close();
      await closeSharedResources(resources);
    },
  };
  try {
    if (roles.has('ingest')) {
      const app = await createIngestApp(settings, resources);
      apps.push(app);
      await app.listen(settings.INGEST_PORT, settings.HOST);
      running.ingestUrl = await app.getUrl();
    }
    if (roles.has('projector')) projector = await createProjectorApp(settings, resources);
    if (roles.has('query')) {
      const app = await createQueryApp(settings, resources);
      apps.push(app);
      await app.listen(settings.QUERY_PORT, queryHost(settings));
      running.queryUrl = await app.getUrl();
    }
  } catch (error) {
    await running.close();
    throw error;
  }
  return running;
}

/** Candidate data is personal: without API keys the query API is reachable from this host only. */
function queryHost(settings: Settings): string {
  if (settings.QUERY_API_KEYS) return settings.HOST;
  new Logger('Query').warn(
    'No QUERY_API_KEYS set: the query API listens on 127.0.0.1 only. Set keys to serve other hosts.',
  );
  return '127.0.0.1';
}

/** How long requests in flight may take to finish when the service stops. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Stops taking requests and lets those in flight finish. Keep-alive connections that sit
 * idle, or whose client never closes its side, would hold the close forever: they are
 * closed as they fall idle, and all are cut after DRAIN_TIMEOUT_MS.
 */
async function closeGracefully(app: NestFastifyApplication): Promise<void> {
  const server = app.getHttpServer();
  const started = Date.now();
  const sweep = setInterval(() => {
    if (Date.now() - started > DRAIN_TIMEOUT_MS) server.closeAllConnections();
    else server.closeIdleConnections();
  }, 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
