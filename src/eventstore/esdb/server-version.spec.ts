import { unsupportedBecause } from './server-version.js';

describe('the EventStoreDB versions the ledger runs on', () => {
  it('takes 23.10 and every later version, KurrentDB included', () => {
    for (const version of ['23.10.0', '23.10.7', '24.2.0', '24.10.4', '25.0.1', '100.1.0']) {
      expect(unsupportedBecause(version)).toBeUndefined();
    }
  });

  it('refuses older versions, saying which is needed', () => {
    for (const version of ['23.6.0', '22.10.1', '21.10.9', '5.0.11']) {
      expect(unsupportedBecause(version)).toBe(
        `server version ${version} is older than 23.10, the first that tells a subscription it has caught up: upgrade the server`,
      );
    }
  });

  it('refuses a server that does not tell its version', () => {
    expect(unsupportedBecause('unknown')).toMatch(/^the server does not tell its version/);
  });
});
