import { DeliveryEventType } from '../events/delivery-event-types.js';
import type { JsonObject } from '../eventstore/event-store.port.js';
import { generateHistory } from './history-generator.js';
import type { StoredEvent } from './stored-events.js';

/** A webhook body as Qualified posts it. */
export interface WebhookBody {
  event: string;
  data: JsonObject;
}

/** About how many deliveries a candidate's assessments make, for sizing a history. */
const DELIVERIES_PER_CANDIDATE = 30;

/**
 * The bodies Qualified sent for a generated history of about `candidates` candidates, in
 * the order they arrived: both generations of names, repeats and late deliveries included.
 */
export function simulatedTraffic(options: { seed: number; candidates: number }): WebhookBody[] {
  const { events } = generateHistory({
    seed: options.seed,
    candidates: options.candidates,
    events: options.candidates * DELIVERIES_PER_CANDIDATE,
  });
  return events.map(webhookBody);
}

/** A stored delivery, generated or read back from the log. */
type Delivered = Pick<StoredEvent, 'type' | 'metadata'> & { data: unknown };

/** The body behind a stored delivery: an unrecognised one keeps the whole body it came with. */
export function webhookBody(event: Delivered): WebhookBody {
  if (event.type === DeliveryEventType.Unrecognised) return event.data as WebhookBody;
  return { event: String(event.metadata.eventName), data: event.data as JsonObject };
}
