import { request } from 'node:http';
import { getJson, startService, type RunningService } from '../support/service.js';

interface Answer {
  status: number;
  // Tests read answers loosely and assert their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, unknown>;
}

/** A request with any Host header, as a browser sends it (fetch does not let one set Host). */
function send(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: object; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers: { ...headers } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode!,
          body: JSON.parse(text),
          headers: incoming.headers,
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Whether a rebuild of team-candidates waits: no projector runs here to carry it out. */
async function rebuildRequested(service: RunningService): Promise<boolean> {
  const { body } = await getJson(`${service.queryUrl}/projections`);
  const projection = body.items.find((item: { name: string }) => item.name === 'team-candidates');
  return projection.rebuild !== null;
}

describe('the query API without API keys, open on loopback', () => {
  let service: RunningService;
  let port: string;
  const rebuild = () => `${service.queryUrl}/projections/team-candidates/rebuild`;

  beforeEach(async () => {
    service = await startService({ ROLES: 'ingest,query' });
    port = new URL(service.queryUrl).port;
  });

  afterEach(async () => {
    await service.close();
  });

  it('answers requests addressed to localhost, 127.0.0.1 or [::1], with or without the port', async () => {
    for (const name of ['localhost', '127.0.0.1', '[::1]', 'LocalHost']) {
      for (const host of [name, `${name}:${port}`]) {
        const answer = await send(`${service.queryUrl}/projections`, { headers: { host } });
        expect({ host, status: answer.status }).toEqual({ host, status: 200 });
      }
    }
  });

  it('refuses, with 421, a request addressed to any other name, as a DNS rebinding page sends', async () => {
    for (const host of [
      `rebind.attacker.example:${port}`,
      'localhost.attacker.example',
      `127.0.0.1.nip.io:${port}`,
      `localhost:${port}@attacker.example`,
    ]) {
      const answer = await send(`${service.queryUrl}/candidates`, { headers: { host } });
      expect({ host, status: answer.status, body: answer.body }).toEqual({
        host,
        status: 421,
        body: {
          statusCode: 421,
          error: 'Misdirected Request',
          message: expect.stringMatching(
            /^Without QUERY_API_KEYS this API answers only requests to localhost, 127\.0\.0\.1 or \[::1\]/,
          ),
        },
      });
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses, with 403, a request from a page of another origin, and starts nothing', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${Number(port) + 1}`]) {
      const read = await send(`${service.queryUrl}/candidates`, { headers: { origin } });
      expect({ origin, status: read.status }).toEqual({ origin, status: 403 });
      expect(read.body.message).toBe(
        `Without QUERY_API_KEYS this API answers no page of another origin (${origin})`,
      );
      const post = await send(rebuild(), {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: '{}',
      });
      expect({ origin, status: post.status }).toEqual({ origin, status: 403 });
    }
    expect(await rebuildRequested(service)).toBe(false);
  });

  it('refuses, with 415, a change of state that a page could send without asking', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await send(rebuild(), {
        method: 'POST',
        headers: { 'content-type': type },
        body: '',
      });
      expect({ type, status: answer.status }).toEqual({ type, status: 415 });
      expect(answer.body.message).toBe(
        'A POST needs Content-Type: application/json or an X-Requested-With header',
      );
    }
    expect((await send(rebuild(), { method: 'POST' })).status).toBe(415);
    expect(await rebuildRequested(service)).toBe(false);
  });

  it('changes state on a JSON request or one with X-Requested-With', async () => {
    const json = await send(rebuild(), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(json.status).toBe(202);
    const custom = await send(rebuild(), {
      method: 'POST',
      headers: { 'x-requested-with': 'curl' },
    });
    expect(custom.status).toBe(202);
    expect(await rebuildRequested(service)).toBe(true);
  });

  it('serves a page of its own origin, as the web console at /console would be', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const headers = { host, origin: `http://${host}` };
      expect((await send(`${service.queryUrl}/projections`, { headers })).status).toBe(200);
      const post = await send(rebuild(), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(post.status).toBe(202);
    }
  });
});

describe('the query API with API keys', () => {
  it('leaves host, origin and content type to the keys: a page cannot send a key it lacks', async () => {
    const key = 'admin-key-0123456789abcdef';
    const service = await startService({
      ROLES: 'ingest,query',
      QUERY_API_KEYS: `ops:${key}:admin`,
    });
    try {
      const answer = await send(`${service.queryUrl}/projections/team-candidates/rebuild`, {
        method: 'POST',
        headers: {
          host: 'ledger.example.com',
          origin: 'https://tools.example.com',
          authorization: `Bearer ${key}`,
        },
      });
      expect(answer.status).toBe(202);
    } finally {
      await service.close();
    }
  });
});
