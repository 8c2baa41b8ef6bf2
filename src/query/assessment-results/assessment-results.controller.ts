import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInvalidParameters, ApiNotFound } from '../http/api-errors.js';
import { found } from '../http/not-found.js';
import { ApiPageResponse, pageAnswer, pageRequest } from '../http/page.js';
import { ReadParams } from '../http/read-params.js';
import {
  AssessmentResultDetailResponse,
  AssessmentResultResponse,
} from './assessment-result.response.js';
import { ListAssessmentResultsParams } from './assessment-results.dto.js';
import { GetAssessmentResultQuery } from './get-assessment-result.query.js';
import { ListAssessmentResultsQuery } from './list-assessment-results.query.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

@ApiTags('assessment results')
@ApiInvalidParameters()
@Controller('assessment-results')
export class AssessmentResultsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ReadsProjections('assessment-results')
  @ApiOperation({ summary: 'Assessment results, the most recently created first' })
  @ApiPageResponse(AssessmentResultResponse, 'A page of results')
  async list(@Query() params: ListAssessmentResultsParams) {
    const { candidateId, assessmentId, state, passed } = params;
    const filter = { candidateId, assessmentId, state, passed, ...pageRequest(params) };
    return pageAnswer(await this.queryBus.execute(new ListAssessmentResultsQuery(filter)));
  }

  @Get(':id')
  @ReadsProjections('assessment-results', 'review-progress')
  @ApiOperation({ summary: 'One result with its solutions and its review progress' })
  @ApiOkResponse({ type: AssessmentResultDetailResponse })
  @ApiNotFound('assessment result')
  async get(@Param('id') id: string, @Query() _params: ReadParams) {
    return found(
      await this.queryBus.execute(new GetAssessmentResultQuery(id)),
      'assessment result',
      id,
    );
  }
}
