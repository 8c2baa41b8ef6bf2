import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

/**
 * Optional query parameters of the kinds the routes share, each documented with an example.
 * Qualified's states are open-ended (a new one may come any day), so a state is checked for
 * its form, not against a list.
 */

interface Doc {
  description: string;
  example: string | boolean;
}

/** The id of a resource to filter by. */
export function IdFilter(doc: Doc) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, ...doc }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );
}

/** Free text to filter by. */
export function TextFilter(doc: Doc) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, ...doc }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
  );
}

/** A state or a type, as Qualified names them: one word of letters and underscores. */
export function WordFilter(doc: Doc) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, ...doc }),
    IsOptional(),
    Matches(/^[A-Za-z][A-Za-z_]*$/, {
      message: '$property must be one word of letters and underscores',
    }),
    MaxLength(50),
  );
}

/** `true` or `false`. */
export function BooleanFilter(doc: Doc) {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, ...doc }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: '$property must be true or false' }),
  );
}

// A date, or a date and time with its zone: a time without one would be read in the server's zone.
const DATE_OR_ZONED_TIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** An ISO-8601 time with its zone, or a date (midnight UTC). */
export function TimeParam(doc: Doc) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', ...doc }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(DATE_OR_ZONED_TIME, {
      message: '$property must be an ISO-8601 time with its zone (Z or ±hh:mm), or a date',
    }),
  );
}
