import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Settings } from '../config/settings.js';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics.js';
import { DeliveryWriter } from './delivery/delivery-writer.js';
import type { JsonLimits } from './delivery/json-shape.js';
import { storableDelivery } from './delivery/storable-delivery.js';
import { RecordWebhookCommand, type RecordedDelivery } from './record-webhook.command.js';

@CommandHandler(RecordWebhookCommand)
export class RecordWebhookHandler implements ICommandHandler<RecordWebhookCommand> {
  private readonly limits: JsonLimits;

  constructor(
    private readonly writer: DeliveryWriter,
    private readonly metrics: LedgerMetrics,
    settings: Settings,
  ) {
    this.limits = { maxListItems: settings.WEBHOOK_LIST_LIMIT };
  }

  async execute({ delivery, knownEvents }: RecordWebhookCommand): Promise<RecordedDelivery> {
    const { classified, record } = storableDelivery(delivery, this.limits);
    const type = record.event.type;
    if (await knownEvents?.has(record.stream, record.event.id)) {
      this.metrics.deliveries.inc({ type, outcome: 'already_stored' });
      return { classified, record, outcome: { alreadyStored: true } };
    }
    try {
      const outcome = await this.writer.write(record);
      this.metrics.deliveries.inc({ type, outcome: 'spooled' in outcome ? 'spooled' : 'stored' });
      await knownEvents?.add(record.stream, record.event.id);
      return { classified, record, outcome };
    } catch (error) {
      this.metrics.deliveries.inc({ type, outcome: 'failed' });
      throw error;
    }
  }
}
