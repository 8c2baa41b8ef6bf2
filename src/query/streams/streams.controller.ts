import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STREAM_PAGE_BYTES } from './get-stream-events.handler.js';
import { GetStreamEventsQuery } from './get-stream-events.query.js';
import { StreamEventsParams } from './stream-events.dto.js';

const STREAM_PAGE_MB = STREAM_PAGE_BYTES / 1024 / 1024;

@ApiTags('audit')
@Controller('streams')
export class StreamsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':stream')
  @ApiOperation({
    summary: 'The raw stored events of one stream, with their metadata, for audit',
    description:
      'Streams are named `<resource>-<id>`, e.g. `teamCandidate-65a1f3c29d4e8b0012a4c7e1`. ' +
      `A page holds up to \`limit\` events, and ends early rather than pass ${STREAM_PAGE_MB} MB; ` +
      '`nextFrom`, the revision to pass as `from` for the next page, is null on the last page.',
  })
  @ApiOkResponse({ description: 'A page of events in revision order' })
  async events(@Param('stream') stream: string, @Query() params: StreamEventsParams) {
    const from = params.from ?? 0;
    const page = await this.queryBus.execute(
      new GetStreamEventsQuery(stream, from, params.limit ?? 100),
    );
    if (page.events.length === 0 && from === 0) {
      throw new NotFoundException(`There is no stream "${stream}"`);
    }
    return {
      stream,
      events: page.events.map((event) => ({
        id: event.id,
        type: event.type,
        revision: Number(event.revision),
        position: event.position.toString(),
        createdAt: event.createdAt.toISOString(),
        metadata: event.metadata,
        data: event.data,
      })),
      nextFrom: page.nextFrom,
    };
  }
}
