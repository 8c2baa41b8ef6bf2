import { Command } from '@nestjs/cqrs';
import type { Classified } from './delivery/classify-delivery.js';
import type { DeliveryFacts, DeliveryRecord } from './delivery/delivery-record.js';
import type { WriteOutcome } from './delivery/delivery-writer.js';

export interface RecordedDelivery {
  classified: Classified;
  record: DeliveryRecord;
  outcome: WriteOutcome;
}

/** Store one webhook delivery, whatever it turns out to be. */
export class RecordWebhookCommand extends Command<RecordedDelivery> {
  constructor(readonly delivery: DeliveryFacts) {
    super();
  }
}
