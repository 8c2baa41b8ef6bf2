import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface ParameterError {
  field: string;
  message: string;
}

/** The 400 for bad parameters: it names each one, with what is wrong with it. */
export function invalidParameters(errors: readonly ParameterError[]): BadRequestException {
  const fields = [...new Set(errors.map((error) => error.field))];
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid parameters: ${fields.join(', ')}`,
    errors,
  });
}

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
      invalidParameters(
        errors.flatMap((error) =>
          Object.values(error.constraints ?? {}).map((message) => ({
            field: error.property,
            message,
          })),
        ),
      ),
  });
}
