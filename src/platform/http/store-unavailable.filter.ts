import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { StoreUnavailableError } from '../../eventstore/event-store.errors.js';

/** Seconds a client should wait before trying again while a store is down. */
const RETRY_AFTER_SECONDS = 60;

/** A store that cannot be reached is a 503 the client may retry, not a 500. */
@Catch(StoreUnavailableError)
export class StoreUnavailableFilter implements ExceptionFilter {
  catch(error: StoreUnavailableError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply
      .status(503)
      .header('Retry-After', String(RETRY_AFTER_SECONDS))
      .send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: `${error.message}. Nothing was stored; try again later.`,
      });
  }
}
