import { Command, Query } from '@nestjs/cqrs';
import type { DeadLetter } from '../../projections/runner/dead-letter.store.js';
import type { RetryOutcome } from '../../projections/runner/dead-letter.service.js';
import type { ProjectionStatus } from '../../projections/runner/projection-status.service.js';

export class GetProjectionStatusesQuery extends Query<ProjectionStatus[]> {}

export class ListDeadLettersQuery extends Query<DeadLetter[]> {
  constructor(readonly projection?: string) {
    super();
  }
}

/** Rebuild the named projection, or all of them; answers the names being rebuilt. */
export class RequestRebuildCommand extends Command<string[]> {
  constructor(readonly projection?: string) {
    super();
  }
}

export class RetryDeadLetterCommand extends Command<RetryOutcome> {
  constructor(readonly id: string) {
    super();
  }
}
