import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Validates and converts query parameters with their DTO; a bad one is a 400 that names it.
 * Unknown parameters are refused too, so a misspelt filter does not silently match all.
 */
export function queryValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors: ValidationError[]) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Invalid parameters: ${errors.map((error) => error.property).join(', ')}`,
        errors: errors.flatMap((error) =>
          Object.values(error.constraints ?? {}).map((message) => ({
            field: error.property,
            message,
          })),
        ),
      }),
  });
}
