import { loadSettings } from '../../config/settings.js';
import { runnerOptions } from './runner-options.js';

describe('the runner settings', () => {
  it('default to batches of 2000, parking after 3 retries from 100 ms, a lease of 5 s renewed every second', () => {
    expect(runnerOptions(loadSettings({}))).toEqual({
      batchSize: 2000,
      flushIntervalMs: 50,
      onError: 'park',
      retries: 3,
      retryDelayMs: 100,
      positionsCountEvents: true,
      leaseTtlMs: 5000,
      leaseRenewMs: 1000,
    });
  });

  it('are read from the environment', () => {
    const settings = loadSettings({
      PROJECTION_BATCH_SIZE: '50',
      PROJECTION_ON_ERROR: 'stop',
      PROJECTION_RETRIES: '0',
      PROJECTION_RETRY_DELAY_MS: '5',
      EVENT_STORE: 'eventstoredb',
    });
    expect(runnerOptions(settings)).toMatchObject({
      batchSize: 50,
      onError: 'stop',
      retries: 0,
      retryDelayMs: 5,
      positionsCountEvents: false,
    });
  });

  it('name each bad value', () => {
    expect(() =>
      loadSettings({
        PROJECTION_BATCH_SIZE: '0',
        PROJECTION_ON_ERROR: 'skip',
        PROJECTION_RETRIES: 'x',
      }),
    ).toThrow(
      /PROJECTION_BATCH_SIZE must not be less than 1 \(got "0"\).*PROJECTION_ON_ERROR must be one of the following values: park, stop \(got "skip"\).*PROJECTION_RETRIES must be a whole number \(got "x"\)/,
    );
  });
});
