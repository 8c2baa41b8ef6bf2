export class UnknownProjectionError extends Error {
  constructor(readonly projection: string) {
    super(`No projection is named "${projection}"`);
    this.name = 'UnknownProjectionError';
  }
}

export class DeadLetterNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No parked event has the id "${id}"`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** The text kept for an error: its stack when it has one, which starts with its message. */
export function describeError(error: unknown): string {
  return error instanceof Error
    ? (error.stack ?? `${error.name}: ${error.message}`)
    : String(error);
}
