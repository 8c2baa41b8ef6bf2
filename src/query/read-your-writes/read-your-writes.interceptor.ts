import {
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { Settings } from '../../config/settings.js';
import { Position } from '../../eventstore/position.js';
import { ProjectionStatusService } from '../../projections/runner/projection-status.service.js';
import { invalidParameters } from '../http/validation.pipe.js';
import { READS_PROJECTIONS } from './reads-projections.decorator.js';

/** Seconds a client should wait before asking again when the answer is not ready. */
const RETRY_AFTER_SECONDS = '1';

/**
 * Read-your-writes. With `minPosition` (or X-Min-Position), waits until the projections the
 * route reads include that position, up to QUERY_WAIT_TIMEOUT_MS, else answers 503 with
 * where they are. Before a projector has created a route's read models, answers 503 saying
 * so. Every answer carries X-Projection-Position: the position all of them have
 * reached ("0" before any).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly status: ProjectionStatusService,
    private readonly settings: Settings,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const names = this.reflector.getAllAndOverride<string[] | undefined>(READS_PROJECTIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const wanted = takeMinPosition(request);
    if (wanted) await this.waitFor(wanted, names, reply);
    const served = await this.status.served(names);
    if (names && served.unbuilt.length > 0) throw notBuilt(served.unbuilt, reply);
    void reply.header('X-Projection-Position', served.position?.toString() ?? '0');
    return next.handle();
  }

  private async waitFor(
    position: Position,
    names: string[] | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const timeoutMs = this.settings.QUERY_WAIT_TIMEOUT_MS;
    const { reached, behind } = await this.status.waitForPosition(position, {
      projections: names,
      timeoutMs,
    });
    if (reached) return;
    const statuses = await this.status.statuses(behind);
    void reply.header('Retry-After', RETRY_AFTER_SECONDS);
    throw new ServiceUnavailableException({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `Not yet projected: ${behind.join(', ')} had not reached position ${position} after ${timeoutMs} ms. Try again shortly.`,
      projections: statuses.map(({ name, checkpoint, lag }) => ({ name, checkpoint, lag })),
    });
  }
}

/**
 * A query-only process can start before any projector has created the read models it
 * serves; it says so rather than failing on the missing tables.
 */
function notBuilt(unbuilt: string[], reply: FastifyReply): ServiceUnavailableException {
  void reply.header('Retry-After', RETRY_AFTER_SECONDS);
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    message: `Not built yet: no projector has created the read models of ${unbuilt.join(', ')}. A projector (ledger serve --roles projector) creates them when it starts; try again shortly.`,
    projections: unbuilt,
  });
}

/** Reads and removes minPosition, so the route's own parameters stay its own. */
function takeMinPosition(request: FastifyRequest): Position | undefined {
  const query = request.query as Record<string, unknown>;
  const raw = query.minPosition ?? request.headers['x-min-position'];
  delete query.minPosition;
  if (raw === undefined) return undefined;
  try {
    return Position.parse(String(raw));
  } catch (error) {
    throw invalidParameters([{ field: 'minPosition', message: (error as Error).message }]);
  }
}
