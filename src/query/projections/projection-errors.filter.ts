import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  DeadLetterNotFoundError,
  UnknownProjectionError,
} from '../../projections/runner/errors.js';

/** An unknown projection name or parked-event id is a 404 that says which. */
@Catch(UnknownProjectionError, DeadLetterNotFoundError)
export class ProjectionErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: error.message });
  }
}
