import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { JsonObject, RecordedEvent } from '../event-store.port.js';
import { Position } from '../position.js';

export function toEsdbPosition(position: Position) {
  return { commit: position.commit, prepare: position.prepare };
}

/** System events (types starting with "$") belong to the server, not to this application. */
export function isSystemEvent(type: string): boolean {
  return type.startsWith('$');
}

/** The port's view of a resolved event; undefined for system events and dangling links. */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event.type) || !event.position) return undefined;
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
