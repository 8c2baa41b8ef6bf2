import { InvalidSettingsError, loadSettings } from './settings.js';

describe('loadSettings', () => {
  it('defaults to the embedded store in ./data on ports 3000 and 3001', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      EVENT_STORE: 'sqlite',
      DATA_DIR: './data',
      SQLITE_SYNCHRONOUS: 'FULL',
      INGEST_PORT: 3000,
      QUERY_PORT: 3001,
    });
  });

  it('reads typed values from the environment', () => {
    const settings = loadSettings({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://a:2111,b:2112?tls=false',
      INGEST_PORT: '8080',
      DATA_DIR: '/var/lib/ledger',
    });
    expect(settings.EVENT_STORE).toBe('eventstoredb');
    expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://a:2111,b:2112?tls=false');
    expect(settings.INGEST_PORT).toBe(8080);
    expect(settings.DATA_DIR).toBe('/var/lib/ledger');
  });

  it('treats empty variables as unset', () => {
    expect(loadSettings({ INGEST_PORT: '  ', EVENT_STORE: '' }).INGEST_PORT).toBe(3000);
  });

  it('names every bad variable and the value it got', () => {
    const attempt = () =>
      loadSettings({
        EVENT_STORE: 'mongo',
        INGEST_PORT: 'eighty',
        EVENTSTORE_CONNECTION_STRING: 'x',
      });
    expect(attempt).toThrow(InvalidSettingsError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/EVENT_STORE must be one of.*sqlite, eventstoredb.*\(got "mongo"\)/);
      expect(message).toMatch(/INGEST_PORT must be a whole number \(got "eighty"\)/);
      expect(message).toMatch(/EVENTSTORE_CONNECTION_STRING must look like esdb:/);
    }
  });

  it('rejects a port out of range', () => {
    expect(() => loadSettings({ QUERY_PORT: '70000' })).toThrow(
      /QUERY_PORT must not be greater than 65535/,
    );
  });
});

describe('webhook settings', () => {
  it('accepts named tokens and says what a bad list should look like', () => {
    const tokens = 'prod:abcdefghijklmnop1234,staging:qrstuvwxyz0987654321';
    expect(loadSettings({ WEBHOOK_TOKENS: tokens }).WEBHOOK_TOKENS).toBe(tokens);
    expect(() => loadSettings({ WEBHOOK_TOKENS: 'prod:short' })).toThrow(
      /WEBHOOK_TOKENS must be name:secret pairs separated by commas, each secret at least 16/,
    );
  });

  it('defaults to token authentication, a 1 MiB body limit and a 2 s append timeout', () => {
    expect(loadSettings({})).toMatchObject({
      WEBHOOK_TOKENS: undefined,
      WEBHOOK_AUTH: 'token',
      WEBHOOK_BODY_LIMIT: 1048576,
      EVENTSTORE_APPEND_TIMEOUT_MS: 2000,
    });
  });
});

describe('EVENTSTORE_CONNECT_TIMEOUT_MS', () => {
  it('waits 10 s for the event store at start by default, and takes a number of milliseconds', () => {
    expect(loadSettings({}).EVENTSTORE_CONNECT_TIMEOUT_MS).toBe(10_000);
    expect(
      loadSettings({ EVENTSTORE_CONNECT_TIMEOUT_MS: '500' }).EVENTSTORE_CONNECT_TIMEOUT_MS,
    ).toBe(500);
    expect(() => loadSettings({ EVENTSTORE_CONNECT_TIMEOUT_MS: '10s' })).toThrow(
      'EVENTSTORE_CONNECT_TIMEOUT_MS must be a whole number of milliseconds (got "10s")',
    );
  });
});

describe('WEBHOOK_LIST_LIMIT', () => {
  it('lets a list hold 1,000 items by default, and takes a whole number of items', () => {
    expect(loadSettings({}).WEBHOOK_LIST_LIMIT).toBe(1000);
    expect(loadSettings({ WEBHOOK_LIST_LIMIT: '50' }).WEBHOOK_LIST_LIMIT).toBe(50);
    expect(() => loadSettings({ WEBHOOK_LIST_LIMIT: 'many' })).toThrow(
      'WEBHOOK_LIST_LIMIT must be a whole number of items (got "many")',
    );
    expect(() => loadSettings({ WEBHOOK_LIST_LIMIT: '0' })).toThrow(
      /WEBHOOK_LIST_LIMIT must not be less than 1/,
    );
  });
});
