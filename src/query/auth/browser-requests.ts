import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Without API keys the query API trusts whatever reaches it on loopback, and a web page in a
 * browser on the same machine does. So in that mode it answers only requests:
 * - addressed to a loopback name, not to one that a page's own domain resolves to loopback
 *   (DNS rebinding);
 * - not sent by a page of another origin (a page served on the same port, like a console at
 *   /console, is the same origin);
 * - that change state only as a page cannot without CORS: with a JSON body or a custom header.
 */
export function refuseCrossSiteRequests(fastify: FastifyInstance): void {
  const logger = new Logger('Query');
  fastify.addHook('onRequest', async (request, reply) => {
    const refusal = refusalOf(request);
    if (!refusal) return;
    logger.warn(`Refused a request: ${refusal.message}`);
    return reply.code(refusal.statusCode).send(refusal);
  });
}

interface Refusal {
  statusCode: number;
  error: string;
  message: string;
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function refusalOf(request: FastifyRequest): Refusal | undefined {
  const { host = '', origin } = request.headers;
  if (!LOOPBACK_HOST.test(host)) {
    return {
      statusCode: 421,
      error: 'Misdirected Request',
      message: `Without QUERY_API_KEYS this API answers only requests to localhost, 127.0.0.1 or [::1], not to the host "${host}"`,
    };
  }
  if (origin !== undefined && !isSameOrigin(origin, host)) {
    return {
      statusCode: 403,
      error: 'Forbidden',
      message: `Without QUERY_API_KEYS this API answers no page of another origin (${origin})`,
    };
  }
  const { 'content-type': type = '', 'x-requested-with': custom } = request.headers;
  if (STATE_CHANGING.has(request.method) && !JSON_TYPE.test(type) && custom === undefined) {
    return {
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `A ${request.method} needs Content-Type: application/json or an X-Requested-With header`,
    };
  }
  return undefined;
}

function isSameOrigin(origin: string, host: string): boolean {
  try {
    const { protocol, host: originHost } = new URL(origin);
    return (
      ['http:', 'https:'].includes(protocol) && originHost === new URL(`${protocol}//${host}`).host
    );
  } catch {
    return false; // `null`, from sandboxed pages and files, or not a URL at all
  }
}
