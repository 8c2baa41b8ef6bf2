import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TimelineEntryView } from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import { ApiInvalidParameters, ApiNotFound } from '../http/api-errors.js';
import { found } from '../http/not-found.js';
import { pageAnswer, pageRequest, pageSchema } from '../http/page.js';
import { ExportCandidateTimelineQuery } from './export-candidate-timeline.query.js';
import { GetCandidateTimelineQuery } from './get-candidate-timeline.query.js';
import { TimelineEntryResponse } from './timeline-entry.response.js';
import { TIMELINE_CSV_COLUMNS, timelineDownload } from './timeline-download.js';
import { TimelineParams } from './timeline.dto.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

const EXAMPLE_ENTRY: TimelineEntryView = {
  seq: 1,
  kind: 'transition',
  from: 'idle',
  to: 'invited',
  expected: null,
  label: null,
  resultId: null,
  reviewId: null,
  reviewState: null,
  at: '2024-01-12T15:03:23.012Z',
  eventId: '3f1c9a52-8d7e-4b0a-9c61-2e5d8f4a7b13',
  eventType: 'team_candidate_state_changed',
  eventName: 'team_candidate_state_changed',
};

@ApiTags('candidates')
@ApiInvalidParameters()
@Controller('candidates')
export class CandidateTimelineController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/timeline')
  @ReadsProjections('candidate-timeline', 'team-candidates')
  @ApiOperation({
    summary: "A candidate's timeline: state transitions (gaps marked), labels, reviews",
    description:
      'The audit trail, oldest entry first. With `format=csv` or `format=ndjson` the whole timeline (up to `asOf`) streams as a download.',
  })
  @ApiExtraModels(TimelineEntryResponse)
  @ApiOkResponse({
    description: 'A page of entries, or the whole timeline as a CSV or NDJSON download',
    content: {
      'application/json': { schema: pageSchema(TimelineEntryResponse) },
      'text/csv': {
        schema: { type: 'string' },
        example: `${TIMELINE_CSV_COLUMNS.join(',')}\n${TIMELINE_CSV_COLUMNS.map((c) => EXAMPLE_ENTRY[c] ?? '').join(',')}\n`,
      },
      'application/x-ndjson': {
        schema: { type: 'string', description: 'One timeline entry as JSON per line' },
        example: `${JSON.stringify(EXAMPLE_ENTRY)}\n`,
      },
    },
  })
  @ApiNotFound('candidate')
  async timeline(@Param('id') id: string, @Query() params: TimelineParams) {
    const { asOf, format = 'json' } = params;
    if (format === 'json') {
      const query = { asOf, ...pageRequest(params) };
      const page = await this.queryBus.execute(new GetCandidateTimelineQuery(id, query));
      return pageAnswer(found(page, 'candidate', id));
    }
    const entries = await this.queryBus.execute(new ExportCandidateTimelineQuery(id, asOf));
    return timelineDownload(id, found(entries, 'candidate', id), format);
  }
}
