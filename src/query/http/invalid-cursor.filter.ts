import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InvalidCursorError } from '../../projections/shared/pagination.js';
import { invalidParameters } from './validation.pipe.js';

/** A cursor the reader cannot decode is a bad `cursor` parameter, answered like the others. */
@Catch(InvalidCursorError)
export class InvalidCursorFilter implements ExceptionFilter {
  catch(error: InvalidCursorError, host: ArgumentsHost): void {
    const answer = invalidParameters([{ field: 'cursor', message: error.message }]);
    void host.switchToHttp().getResponse<FastifyReply>().status(400).send(answer.getResponse());
  }
}
