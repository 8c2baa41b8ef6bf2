import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { DeadLetterService } from '../../projections/runner/dead-letter.service.js';
import { ProjectionStatusService } from '../../projections/runner/projection-status.service.js';
import { RebuildService } from '../../projections/runner/rebuild.service.js';
import {
  GetProjectionStatusesQuery,
  ListDeadLettersQuery,
  RequestRebuildCommand,
  RetryDeadLetterCommand,
} from './projections.queries.js';

@QueryHandler(GetProjectionStatusesQuery)
export class GetProjectionStatusesHandler implements IQueryHandler<GetProjectionStatusesQuery> {
  constructor(private readonly status: ProjectionStatusService) {}

  execute() {
    return this.status.statuses();
  }
}

@QueryHandler(ListDeadLettersQuery)
export class ListDeadLettersHandler implements IQueryHandler<ListDeadLettersQuery> {
  constructor(private readonly deadLetters: DeadLetterService) {}

  execute({ projection }: ListDeadLettersQuery) {
    return this.deadLetters.list(projection);
  }
}

@CommandHandler(RequestRebuildCommand)
export class RequestRebuildHandler implements ICommandHandler<RequestRebuildCommand> {
  constructor(private readonly rebuilds: RebuildService) {}

  execute({ projection }: RequestRebuildCommand) {
    return this.rebuilds.request(projection);
  }
}

@CommandHandler(RetryDeadLetterCommand)
export class RetryDeadLetterHandler implements ICommandHandler<RetryDeadLetterCommand> {
  constructor(private readonly deadLetters: DeadLetterService) {}

  execute({ id }: RetryDeadLetterCommand) {
    return this.deadLetters.retry(id);
  }
}

export const PROJECTION_HANDLERS = [
  GetProjectionStatusesHandler,
  ListDeadLettersHandler,
  RequestRebuildHandler,
  RetryDeadLetterHandler,
];
