/**
 * The query parameters every read-model route accepts; each route's parameters extend it.
 * A route with none of its own takes it as it is, so that an unknown parameter is still
 * refused with a 400.
 */
export class ReadParams {}
