import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { classifyDelivery } from './delivery/classify-delivery.js';
import { toDeliveryRecord } from './delivery/delivery-record.js';
import { DeliveryWriter } from './delivery/delivery-writer.js';
import { RecordWebhookCommand, type RecordedDelivery } from './record-webhook.command.js';

@CommandHandler(RecordWebhookCommand)
export class RecordWebhookHandler implements ICommandHandler<RecordWebhookCommand> {
  constructor(private readonly writer: DeliveryWriter) {}

  async execute({ delivery, knownEvents }: RecordWebhookCommand): Promise<RecordedDelivery> {
    const classified = classifyDelivery(delivery.body, delivery.contentType);
    const record = toDeliveryRecord(classified, delivery);
    if (await knownEvents?.has(record.stream, record.event.id)) {
      return { classified, record, outcome: { alreadyStored: true } };
    }
    const outcome = await this.writer.write(record);
    await knownEvents?.add(record.stream, record.event.id);
    return { classified, record, outcome };
  }
}
