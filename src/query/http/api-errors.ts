import { ApiBadRequestResponse, ApiNotFoundResponse } from '@nestjs/swagger';

/** Documents the 400 of a route with parameters. */
export function ApiInvalidParameters() {
  return ApiBadRequestResponse({
    description: 'A parameter is invalid or unknown: the answer names each one',
    schema: {
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid parameters: limit',
        errors: [{ field: 'limit', message: 'limit must not be greater than 500' }],
      },
    },
  });
}

/** Documents the 404 of a route for one `what` by id. */
export function ApiNotFound(what: string) {
  return ApiNotFoundResponse({
    description: `No ${what} has this id`,
    schema: {
      example: {
        statusCode: 404,
        error: 'Not Found',
        message: `There is no ${what} "65a1f3c29d4e8b0012a4c7e1"`,
      },
    },
  });
}
