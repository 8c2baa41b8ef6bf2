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
