import { resolveEventName, streamFor, type ResourceKind } from '../../events/event-catalog.js';
import type { EventType } from '../../events/event-types.js';
import { validateWebhookData, type FieldError } from '../validation/webhook-data.validator.js';
import type { JsonLimits } from './json-shape.js';
import { readStorableJson } from './storable-json.js';

export type JsonRecord = Record<string, unknown>;

/** What a delivery turned out to be, before anything is stored. */
export type Classified =
  | {
      outcome: 'recognised';
      type: EventType;
      resource: ResourceKind;
      stream: string;
      eventName: string;
      data: JsonRecord;
      /** Top-level keys besides `event` and `data`, kept so that nothing sent is lost. */
      extras: JsonRecord;
    }
  | { outcome: 'unrecognised'; eventName: string; body: JsonRecord }
  | {
      outcome: 'rejected';
      /** 413: the delivery is too large to store whole (see storable-delivery). */
      status: 400 | 413 | 415 | 422;
      message: string;
      errors: FieldError[];
      eventName?: string;
    };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decides, from the raw body alone, what a webhook delivery is and where it belongs. */
export function classifyDelivery(
  body: Buffer,
  contentType: string | undefined,
  limits: JsonLimits,
): Classified {
  if (contentType !== undefined && !isJsonMediaType(contentType)) {
    return rejected(415, `Content-Type must be application/json, not "${contentType}"`);
  }
  if (body.length === 0) return rejected(400, 'The body is empty: expected a JSON webhook');
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    return rejected(400, `The body is not valid JSON: ${(error as Error).message}`);
  }
  const reading = readStorableJson(text, limits);
  if ('notJson' in reading) return rejected(400, `The body is not valid JSON: ${reading.notJson}`);
  if ('unstorable' in reading) {
    return rejected(422, 'The body holds what the ledger cannot store', [reading.unstorable]);
  }
  return classifyEnvelope(reading.value);
}

function classifyEnvelope(body: unknown): Classified {
  if (!isRecord(body)) {
    return rejected(422, 'The body must be a JSON object with "event" and "data"', [
      { field: 'body', message: 'must be a JSON object' },
    ]);
  }
  const { event, data, ...extras } = body;
  const errors: FieldError[] = [];
  if (typeof event !== 'string' || event.trim() === '') {
    errors.push({ field: 'event', message: 'must be a string naming the event' });
  }
  if (!isRecord(data)) errors.push({ field: 'data', message: 'must be a JSON object' });
  if (errors.length > 0) return rejected(422, 'The body is not a Qualified webhook', errors);

  const eventName = event as string;
  const entry = resolveEventName(eventName);
  if (!entry) return { outcome: 'unrecognised', eventName, body };
  const dataErrors = validateWebhookData(entry.resource, data);
  if (dataErrors.length > 0) {
    return { ...rejected(422, `The data of "${eventName}" is not valid`, dataErrors), eventName };
  }
  const record = data as JsonRecord;
  return {
    outcome: 'recognised',
    type: entry.type,
    resource: entry.resource,
    stream: streamFor(entry.resource, resourceId(record.id)),
    eventName,
    data: record,
    extras,
  };
}

/** Undocumented resources may lack an id; their events still need a stream. */
function resourceId(id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' ? String(id) : 'unidentified';
}

function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejected(status: 400 | 415 | 422, message: string, errors: FieldError[] = []) {
  return { outcome: 'rejected' as const, status, message, errors };
}
