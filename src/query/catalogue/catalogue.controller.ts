import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInvalidParameters, ApiNotFound } from '../http/api-errors.js';
import { found } from '../http/not-found.js';
import { ApiPageResponse, pageAnswer, pageRequest } from '../http/page.js';
import { ReadParams } from '../http/read-params.js';
import { ListAssessmentsParams, ListChallengesParams } from './catalogue.dto.js';
import { AssessmentResponse, ChallengeResponse } from './catalogue.response.js';
import { GetAssessmentQuery } from './get-assessment.query.js';
import { GetChallengeQuery } from './get-challenge.query.js';
import { ListAssessmentsQuery } from './list-assessments.query.js';
import { ListChallengesQuery } from './list-challenges.query.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

@ApiTags('catalogue')
@ApiInvalidParameters()
@Controller()
export class CatalogueController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('assessments')
  @ReadsProjections('catalogue')
  @ApiOperation({ summary: 'Assessments, the most recently created first' })
  @ApiPageResponse(AssessmentResponse, 'A page of assessments')
  async assessments(@Query() params: ListAssessmentsParams) {
    const { state, includeDeleted } = params;
    const filter = { state, includeDeleted, ...pageRequest(params) };
    return pageAnswer(await this.queryBus.execute(new ListAssessmentsQuery(filter)));
  }

  @Get('assessments/:id')
  @ReadsProjections('catalogue')
  @ApiOperation({ summary: 'One assessment, also one destroyed upstream (flagged `deleted`)' })
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiNotFound('assessment')
  async assessment(@Param('id') id: string, @Query() _params: ReadParams) {
    return found(await this.queryBus.execute(new GetAssessmentQuery(id)), 'assessment', id);
  }

  @Get('challenges')
  @ReadsProjections('catalogue')
  @ApiOperation({ summary: 'Challenges not destroyed, the most recently created first' })
  @ApiPageResponse(ChallengeResponse, 'A page of challenges')
  async challenges(@Query() params: ListChallengesParams) {
    const filter = { type: params.type, ...pageRequest(params) };
    return pageAnswer(await this.queryBus.execute(new ListChallengesQuery(filter)));
  }

  @Get('challenges/:id')
  @ReadsProjections('catalogue')
  @ApiOperation({ summary: 'One challenge; a destroyed one is gone (404)' })
  @ApiOkResponse({ type: ChallengeResponse })
  @ApiNotFound('challenge')
  async challenge(@Param('id') id: string, @Query() _params: ReadParams) {
    return found(await this.queryBus.execute(new GetChallengeQuery(id)), 'challenge', id);
  }
}
