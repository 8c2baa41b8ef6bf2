import canonicalize from 'canonicalize';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { DeliveryFacts } from '../../ingest/delivery/delivery-record.js';
import type { JsonLimits } from '../../ingest/delivery/json-shape.js';
import type { KnownEvents } from '../../ingest/delivery/known-events.js';
import { readStorableJson } from '../../ingest/delivery/storable-json.js';
import { RecordWebhookCommand } from '../../ingest/record-webhook.command.js';
import type { OverlongLine } from './ndjson-lines.js';

/** Namespace of the ids of imported deliveries: the same line always gets the same id. */
const IMPORT_NAMESPACE = '1b8d5c36-2f0e-4a8e-9c55-7f3c2b6e9d41';

export interface ImportSummary {
  lines: number;
  stored: number;
  unrecognised: number;
  alreadyStored: number;
  /**
   * Lines stored as rejected deliveries, or not stored: those with a bad receivedAt, and
   * those longer than the body limit.
   */
  rejected: { line: number; reason: string }[];
}

/**
 * Imports webhook bodies, one `{event, data}` a line with an optional `receivedAt`, through
 * the same command as the webhook endpoint. A line's delivery id is derived from its
 * content, so a line imported again is found in its stream and skipped. A line the
 * endpoint would refuse for its shape (see readStorableJson) is stored as it is, to be
 * rejected and kept like a body that is not JSON.
 */
export async function importDeliveries(
  lines: AsyncIterable<string | OverlongLine>,
  commandBus: CommandBus,
  knownEvents: KnownEvents,
  limits: JsonLimits,
  onLine: (summary: ImportSummary) => void = () => {},
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    lines: 0,
    stored: 0,
    unrecognised: 0,
    alreadyStored: 0,
    rejected: [],
  };
  const startedAt = new Date();
  for await (const text of lines) {
    summary.lines += 1;
    if (typeof text === 'string' && text.trim() === '') continue;
    const delivery = typeof text === 'string' ? toDelivery(text, startedAt, limits) : refused(text);
    if ('invalid' in delivery) {
      summary.rejected.push({ line: summary.lines, reason: delivery.invalid });
    } else {
      const recorded = await commandBus.execute(new RecordWebhookCommand(delivery, knownEvents));
      count(summary, recorded.outcome, recorded.classified, summary.lines);
    }
    onLine(summary);
  }
  return summary;
}

function count(
  summary: ImportSummary,
  outcome: object,
  classified: { outcome: string; message?: string },
  line: number,
) {
  if ('alreadyStored' in outcome) summary.alreadyStored += 1;
  else if (classified.outcome === 'recognised') summary.stored += 1;
  else if (classified.outcome === 'unrecognised') summary.unrecognised += 1;
  else summary.rejected.push({ line, reason: classified.message ?? 'rejected' });
}

function refused({ overlong: { bytes, limit } }: OverlongLine): { invalid: string } {
  return {
    invalid: `The line is ${bytes} bytes, more than WEBHOOK_BODY_LIMIT (${limit}): not stored`,
  };
}

function toDelivery(
  text: string,
  importedAt: Date,
  limits: JsonLimits,
): DeliveryFacts | { invalid: string } {
  const reading = readStorableJson(text, limits);
  if (!('value' in reading)) {
    return facts(Buffer.from(text), uuidv5(text, IMPORT_NAMESPACE), importedAt);
  }
  const parsed = reading.value;
  const id = uuidv5(canonicalize(parsed) ?? text, IMPORT_NAMESPACE);
  if (typeof parsed !== 'object' || parsed === null || !('receivedAt' in parsed)) {
    return facts(Buffer.from(text), id, importedAt);
  }
  const { receivedAt, ...body } = parsed as Record<string, unknown>;
  const time = typeof receivedAt === 'string' ? new Date(receivedAt) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    return { invalid: `receivedAt must be an ISO-8601 time (got ${JSON.stringify(receivedAt)})` };
  }
  return facts(Buffer.from(JSON.stringify(body)), id, time);
}

function facts(body: Buffer, deliveryId: string, receivedAt: Date): DeliveryFacts {
  return {
    deliveryId,
    receivedAt,
    body,
    contentType: 'application/json',
    tokenName: 'import',
    userAgent: 'ledger import',
  };
}
