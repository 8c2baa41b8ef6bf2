import Fastify from 'fastify';
import { report, runChild } from '../support/child-io.js';

/**
 * The yardstick for ingest: a bare Fastify handler on the same route that parses the JSON
 * body (Fastify's own parser) and answers 202, storing nothing.
 */
runChild(async () => {
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.post('/webhooks/qualified/:token', async (request, reply) => {
    const body = request.body as { event?: unknown };
    void reply.code(202);
    return { accepted: typeof body.event === 'string' };
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  report({ origin });
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await app.close();
});
