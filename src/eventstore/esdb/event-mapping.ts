import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { JsonObject, RecordedEvent } from '../event-store.port.js';
import { Position } from '../position.js';

export function toEsdbPosition(position: Position) {
  return { commit: position.commit, prepare: position.prepare };
}

/**
 * The server's own events, not this application's: types starting with "$" (links, stream
 * metadata, statistics) and anything in a stream starting with "$" (projection output).
 */
function isServerEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** The port's view of a resolved event; undefined for the server's events and dangling links. */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isServerEvent(event) || !event.position) return undefined;
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: event.revision,
    position: new Position(event.position.commit, event.position.prepare),
    data: event.data,
    metadata: (event.metadata ?? {}) as JsonObject,
    createdAt: event.created,
  };
}
