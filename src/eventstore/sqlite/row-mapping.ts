import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { Position } from '../position.js';
import type { EventRow } from './schema.js';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    stream: row.stream,
    revision: BigInt(row.revision),
    position: new Position(BigInt(row.position)),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    createdAt: new Date(row.created_at),
  };
}

/** The columns an append writes, serialised before the transaction so bad data fails alone. */
export interface SerialisedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export function serialise(event: NewEvent): SerialisedEvent {
  const data = JSON.stringify(event.data);
  if (data === undefined) throw new TypeError(`Event ${event.id} has no JSON data`);
  return { id: event.id, type: event.type, data, metadata: JSON.stringify(event.metadata) };
}
