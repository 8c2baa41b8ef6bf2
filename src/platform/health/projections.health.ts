import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import {
  ProjectionStatusService,
  type ProjectionStatus,
} from '../../projections/runner/projection-status.service.js';

/**
 * Down when a projection has stopped on an error: its read model no longer follows the log
 * until someone acts. Degraded (still ready) when no projector holds the read store's lease:
 * the projections then report stopped without an error, and the read models catch up once
 * a projector starts, which may be another process, or one not started yet.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly status: ProjectionStatusService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('projections');
    let statuses: ProjectionStatus[];
    try {
      statuses = await this.status.statuses();
    } catch (error) {
      return indicator.down({
        message: `Cannot read the projections' status: ${(error as Error).message}`,
      });
    }
    const states = Object.fromEntries(statuses.map(({ name, state }) => [name, state]));
    const failed = statuses.filter(({ state, error }) => state === 'stopped' && error !== null);
    if (failed.length > 0) {
      return indicator.down({
        message: `Stopped on an error: ${failed.map(({ name }) => name).join(', ')}`,
        stopped: Object.fromEntries(failed.map(({ name, error }) => [name, firstLine(error!)])),
        states,
      });
    }
    if (!(await this.status.projector())) {
      return indicator.degraded({
        message: 'No projector is running on this read store: the read models do not advance',
        states,
      });
    }
    return indicator.up({ states });
  }
}

/** An error's message: the stack that may follow stays in /projections and the logs. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}
