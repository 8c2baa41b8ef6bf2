import { Command } from '@nestjs/cqrs';
import type { Classified } from './delivery/classify-delivery.js';
import type { DeliveryFacts, DeliveryRecord } from './delivery/delivery-record.js';
import type { WriteOutcome } from './delivery/delivery-writer.js';
import type { KnownEvents } from './delivery/known-events.js';

export interface RecordedDelivery {
  classified: Classified;
  record: DeliveryRecord;
  outcome: WriteOutcome | { alreadyStored: true };
}

/** Store one webhook delivery, whatever it turns out to be. */
export class RecordWebhookCommand extends Command<RecordedDelivery> {
  constructor(
    readonly delivery: DeliveryFacts,
    /** When given, a delivery whose event id is already stored is not stored again. */
    readonly knownEvents?: KnownEvents,
  ) {
    super();
  }
}
