import type { Settings } from '../../config/settings.js';

export interface RunnerOptions {
  /** Most events applied in one read-store transaction. */
  batchSize: number;
  /** Longest a batch collects events before it is committed, so that live lag stays low. */
  flushIntervalMs: number;
  /** What happens to an event whose handler still throws after its retries. */
  onError: 'park' | 'stop';
  /** Retries of a throwing handler before `onError` applies. */
  retries: number;
  /** Delay before the first retry; it doubles with each retry, up to 32 times this. */
  retryDelayMs: number;
  /** True when log positions count events (the embedded store), so lag can be counted. */
  positionsCountEvents: boolean;
  /** How long the projector lease lasts unless renewed: how soon a standby takes over from a dead holder. */
  leaseTtlMs: number;
  /** How often the holder renews the lease and a runner on standby tries to take it. */
  leaseRenewMs: number;
}

export const RUNNER_OPTIONS = Symbol('RunnerOptions');

export const FLUSH_INTERVAL_MS = 50;
const LEASE_TTL_MS = 5000;
const LEASE_RENEW_MS = 1000;

export function runnerOptions(settings: Settings): RunnerOptions {
  return {
    batchSize: settings.PROJECTION_BATCH_SIZE,
    flushIntervalMs: FLUSH_INTERVAL_MS,
    onError: settings.PROJECTION_ON_ERROR,
    retries: settings.PROJECTION_RETRIES,
    retryDelayMs: settings.PROJECTION_RETRY_DELAY_MS,
    positionsCountEvents: settings.EVENT_STORE === 'sqlite',
    leaseTtlMs: LEASE_TTL_MS,
    leaseRenewMs: LEASE_RENEW_MS,
  };
}
