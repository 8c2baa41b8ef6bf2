import { RequestMethod, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import type { Settings } from '../../config/settings.js';
import { withoutSecrets } from './without-secrets.js';

/**
 * Structured logs through pino: JSON lines, or readable lines on a terminal. Every line
 * logged while a request is handled carries its request id (see request-id.ts).
 */
export function loggingModule(settings: Settings): DynamicModule {
  const pretty =
    settings.LOG_FORMAT === 'pretty' || (settings.LOG_FORMAT === 'auto' && process.stdout.isTTY);
  const options: Options = {
    level: settings.LOG_LEVEL,
    transport: pretty
      ? { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } }
      : undefined,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        url: withoutSecrets(req.url ?? ''),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
  return LoggerModule.forRoot({
    // The default route pattern does not match under Fastify on NestJS 12.
    forRoutes: [{ path: '*', method: RequestMethod.ALL }],
    // A line per request written synchronously costs a tenth of a busy server's time; written
    // asynchronously, the lines logged while a write is under way go out together (and are
    // flushed on exit).
    pinoHttp: pretty ? options : [options, pino.destination({ dest: 1, sync: false })],
  });
}
