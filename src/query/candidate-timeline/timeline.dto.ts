import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { TimeParam } from '../http/query-params.js';
import { CursorParam, LimitParam } from '../http/page.js';
import { ReadParams } from '../http/read-params.js';

export const TIMELINE_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

/** Refuses the parameter unless the answer is JSON: a download holds the whole timeline. */
function JsonOnly() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'jsonOnly',
      target: target.constructor,
      propertyName,
      options: {
        message: '$property pages format=json only: a download holds the whole timeline',
      },
      validator: {
        validate: (_value: unknown, { object }: ValidationArguments) =>
          ((object as TimelineParams).format ?? 'json') === 'json',
      },
    });
}

export class TimelineParams extends ReadParams {
  @TimeParam({
    description: 'Only the entries received by then',
    example: '2024-01-13T09:00:00Z',
  })
  asOf?: string;

  @ApiPropertyOptional({
    enum: TIMELINE_FORMATS,
    default: 'json',
    description:
      '`json`: a page of entries. `csv` (with a header row) and `ndjson` (one entry a line): the whole timeline, streamed as a download',
  })
  @IsOptional()
  @IsIn(TIMELINE_FORMATS)
  format?: TimelineFormat;

  @LimitParam()
  @JsonOnly()
  limit?: number;

  @CursorParam()
  @JsonOnly()
  cursor?: string;
}
