import { Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly } from '../../platform/auth/access.decorators.js';
import { DeadLettersParams } from './dead-letters.dto.js';
import { ProjectionErrorsFilter } from './projection-errors.filter.js';
import {
  GetProjectionStatusesQuery,
  ListDeadLettersQuery,
  RequestRebuildCommand,
  RetryDeadLetterCommand,
} from './projections.queries.js';

/** The projections' status, rebuilds and parked events: for operators. */
@ApiTags('projections')
@ApiBearerAuth()
@UseFilters(ProjectionErrorsFilter)
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every projection: version, checkpoint, head, lag, state, parked events, rebuild',
  })
  async statuses() {
    return { items: await this.queryBus.execute(new GetProjectionStatusesQuery()) };
  }

  @Post('rebuild')
  @AdminOnly()
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild every projection beside the live tables (admin key)' })
  rebuildAll(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.rebuild(undefined, reply);
  }

  @Post(':name/rebuild')
  @AdminOnly()
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild one projection beside its live tables (admin key)' })
  rebuildOne(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.rebuild(name, reply);
  }

  @Get('dead-letters')
  @AdminOnly()
  @ApiOperation({ summary: 'Parked events, in log order (admin key)' })
  async deadLetters(@Query() params: DeadLettersParams) {
    return { items: await this.queryBus.execute(new ListDeadLettersQuery(params.projection)) };
  }

  @Post('dead-letters/:id/retry')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a parked event again, after a fix (admin key)' })
  retry(@Param('id') id: string) {
    return this.commandBus.execute(new RetryDeadLetterCommand(id));
  }

  private async rebuild(name: string | undefined, reply: FastifyReply) {
    const rebuilding = await this.commandBus.execute(new RequestRebuildCommand(name));
    void reply.header('Location', '/projections');
    return { rebuilding, progress: '/projections' };
  }
}
