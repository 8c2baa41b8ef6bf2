import { ApiProperty } from '@nestjs/swagger';

/** Short forms of @ApiProperty for the fields of the answers' documentation. */

export const ApiText = (example: string, description?: string) =>
  ApiProperty({ type: String, example, description });

export const ApiNullableText = (example: string | null, description?: string) =>
  ApiProperty({ type: String, nullable: true, example, description });

export const ApiTime = (example: string, description?: string) =>
  ApiProperty({ type: String, format: 'date-time', example, description });

export const ApiNullableTime = (example: string | null, description?: string) =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, example, description });

export const ApiNullableNumber = (example: number | null, description?: string) =>
  ApiProperty({ type: Number, nullable: true, example, description });

export const ApiNullableBoolean = (example: boolean | null, description?: string) =>
  ApiProperty({ type: Boolean, nullable: true, example, description });

export const ApiTextList = (example: string[], description?: string) =>
  ApiProperty({ type: [String], example, description });

/** An object of counts by name. */
export const ApiCounts = (example: Record<string, number>, description?: string) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example,
    description,
  });
