import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInvalidParameters } from '../http/api-errors.js';
import { FunnelParams } from './funnel.dto.js';
import { FunnelResponse } from './funnel.response.js';
import { GetFunnelQuery } from './get-funnel.query.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

@ApiTags('stats')
@ApiInvalidParameters()
@Controller('stats')
export class FunnelController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('funnel')
  @ReadsProjections('funnel')
  @ApiOperation({
    summary: 'The hiring funnel: candidates by state, results started, submitted and passed',
    description:
      'An assessment with no results yet, or an id no result names, has a funnel of zeros.',
  })
  @ApiOkResponse({ type: FunnelResponse })
  async funnel(@Query() { assessmentId }: FunnelParams) {
    return this.queryBus.execute(new GetFunnelQuery(assessmentId));
  }
}
