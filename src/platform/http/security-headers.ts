import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The headers every answer of a port carries, through helmet: `nosniff`, no referrer, no
 * framing (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`), a same-origin CSP that the
 * OpenAPI page (and a console served on the port) works under, and `Cache-Control: no-store`
 * unless a route says otherwise. HSTS and the upgrade to HTTPS are left to the TLS terminator
 * in front, which knows whether there is one.
 */
export async function sendSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: null },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (_request, reply) => {
      void reply.header('Cache-Control', 'no-store');
    });
}
