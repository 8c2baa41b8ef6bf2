import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allAccepted, sendDeliveries } from './send-deliveries.js';

const bodies = Array.from({ length: 12 }, (_, n) => ({ event: 'challenge_created', data: { n } }));

describe('sending deliveries', () => {
  let server: Server;
  let url: string;
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    // Answers each request after a while, so that requests overlap.
    server = createServer((request, response) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      request.resume();
      setTimeout(() => {
        inFlight -= 1;
        response.statusCode = request.url === '/refuse' ? 409 : 202;
        response.end();
      }, 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps at most `concurrency` requests in flight and counts the answers', async () => {
    const summary = await sendDeliveries(bodies, { url, rate: 1000, concurrency: 3 });
    expect(summary).toEqual({ sent: 12, statuses: new Map([[202, 12]]), errors: new Map() });
    expect(mostInFlight).toBe(3);
    expect(allAccepted(summary)).toBe(true);
  });

  it('counts other answers and requests that got none, which are not all accepted', async () => {
    const refused = await sendDeliveries(bodies.slice(0, 2), {
      url: `${url}/refuse`,
      rate: 1000,
      concurrency: 1,
    });
    expect(refused.statuses).toEqual(new Map([[409, 2]]));
    expect(allAccepted(refused)).toBe(false);

    const unreachable = await sendDeliveries(bodies.slice(0, 2), {
      url: await closedPort(),
      rate: 1000,
      concurrency: 2,
    });
    expect(unreachable).toMatchObject({ sent: 2, errors: new Map([['ECONNREFUSED', 2]]) });
    expect(allAccepted(unreachable)).toBe(false);
  });
});

/** The URL of a port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
