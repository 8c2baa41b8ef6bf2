import type { FastifyInstance } from 'fastify';

/**
 * Webhook bodies reach the handler as raw bytes, whatever their content type, so that a
 * body which is not JSON can still be kept and replayed. Bodies over the limit get a 413.
 */
export function acceptRawBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
}
