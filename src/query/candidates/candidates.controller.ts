import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiInvalidParameters, ApiNotFound } from '../http/api-errors.js';
import { found } from '../http/not-found.js';
import { ApiPageResponse, pageAnswer, pageRequest } from '../http/page.js';
import { CandidateResponse, CandidateStateAsOfResponse } from './candidate.response.js';
import { CandidateParams, ListCandidatesParams } from './candidates.dto.js';
import { GetCandidateStateAsOfQuery } from './get-candidate-state-as-of.query.js';
import { GetCandidateQuery } from './get-candidate.query.js';
import { ListCandidatesQuery } from './list-candidates.query.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

@ApiTags('candidates')
@ApiInvalidParameters()
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ReadsProjections('team-candidates')
  @ApiOperation({ summary: 'Team candidates, the newest activity first' })
  @ApiPageResponse(CandidateResponse, 'A page of candidates')
  async list(@Query() params: ListCandidatesParams) {
    const { state, label, assessmentId, q } = params;
    const filter = { state, label, assessmentId, search: q, ...pageRequest(params) };
    return pageAnswer(await this.queryBus.execute(new ListCandidatesQuery(filter)));
  }

  @Get(':id')
  @ReadsProjections('team-candidates', 'candidate-timeline')
  @ApiOperation({
    summary: "One candidate's current state, or with `asOf` its state at that time",
  })
  @ApiExtraModels(CandidateResponse, CandidateStateAsOfResponse)
  @ApiOkResponse({
    description: 'The candidate; with `asOf`, its state then',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CandidateResponse) },
        { $ref: getSchemaPath(CandidateStateAsOfResponse) },
      ],
    },
  })
  @ApiNotFound('candidate')
  async get(@Param('id') id: string, @Query() { asOf }: CandidateParams) {
    const candidate =
      asOf === undefined
        ? await this.queryBus.execute(new GetCandidateQuery(id))
        : await this.queryBus.execute(new GetCandidateStateAsOfQuery(id, asOf));
    return found(candidate, 'candidate', id);
  }
}
