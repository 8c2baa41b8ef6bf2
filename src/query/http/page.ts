import { applyDecorators, type Type as Class } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiPropertyOptional,
  getSchemaPath,
  type SchemaObject,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from '../../projections/shared/pagination.js';
import { ReadParams } from './read-params.js';

const CURSOR_EXAMPLE = 'WyI2NWExZjQwODdjM2E1ZDAwMTFmM2QyYzgiXQ';

export function LimitParam() {
  return applyDecorators(
    ApiPropertyOptional({
      description: `Items per page, 1 to ${MAX_PAGE_SIZE}`,
      type: 'integer',
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      example: 50,
      default: DEFAULT_PAGE_SIZE,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE_SIZE),
  );
}

export function CursorParam() {
  return applyDecorators(
    ApiPropertyOptional({
      description: "The previous page's `nextCursor`: the next page starts after its last item",
      example: CURSOR_EXAMPLE,
    }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(1000),
  );
}

/** The parameters of every list: `limit`, and the `cursor` the previous page ended with. */
export class PageParams extends ReadParams {
  @LimitParam()
  limit?: number;

  @CursorParam()
  cursor?: string;
}

/** A list's answer: its items, and the cursor of the next page (null on the last). */
export interface PageAnswer<T> {
  items: T[];
  nextCursor: string | null;
}

/** The page a reader is asked for. */
export function pageRequest(params: { limit?: number; cursor?: string }): PageRequest {
  return { limit: params.limit, after: params.cursor };
}

export function pageAnswer<T>(page: Page<T>): PageAnswer<T> {
  return { items: page.items, nextCursor: page.next };
}

/** The OpenAPI schema of a page of `item`s (which needs @ApiExtraModels). */
export function pageSchema(item: Class<unknown>): SchemaObject {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(item) } },
      nextCursor: {
        type: 'string',
        nullable: true,
        description: 'Pass it as `cursor` for the next page; null on the last page',
        example: CURSOR_EXAMPLE,
      },
    },
  };
}

/** Documents a 200 answered with a page of `item`s. */
export function ApiPageResponse(item: Class<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({ description, schema: pageSchema(item) }),
  );
}
