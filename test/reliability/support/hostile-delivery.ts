import * as fc from 'fast-check';
import type { FieldError } from '../../../src/ingest/validation/webhook-data.validator.js';
import { spliceJson, type JsonRecord } from './json-surgery.js';

/** A webhook request's body and Content-Type, built to break the ingest endpoint. */
export interface HostileDelivery extends fc.WithToStringMethod {
  /** What the body exercises, for failure reports. */
  kind: string;
  body: Buffer;
  /** Undefined: no Content-Type header at all. */
  contentType: string | undefined;
  /** The one field error the body must be refused with, once it reaches the handler as JSON. */
  refusal?: FieldError;
}

export function hostileDelivery(
  kind: string,
  body: Buffer | string,
  contentType: string | undefined = 'application/json',
  refusal?: FieldError,
): HostileDelivery {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const preview = bytes.subarray(0, 400).toString('utf8');
  return {
    kind,
    body: bytes,
    contentType,
    ...(refusal && { refusal }),
    [fc.toStringMethod]: () =>
      `${kind}, ${contentType === undefined ? 'no Content-Type' : JSON.stringify(contentType)}, ` +
      `${bytes.length} bytes: ${JSON.stringify(preview)}${bytes.length > 400 ? '…' : ''}`,
  };
}

export interface Envelope {
  event: string;
  data: JsonRecord;
}

/**
 * Where deepBody puts deeply nested JSON: an unknown field, fields the validator knows (a
 * list of strings, an object, a list of objects), `data` itself, or the whole body.
 */
export const DEEP_SPOTS = [
  'extra field',
  'labels',
  'candidate',
  'solutions',
  'data',
  'whole body',
] as const;

export type DeepSpot = (typeof DEEP_SPOTS)[number];

export function deepBody(body: Envelope, nested: string, spot: DeepSpot): string {
  if (spot === 'whole body') return nested;
  if (spot === 'data') return spliceJson((raw) => ({ ...body, data: raw }), nested);
  const field = deepField(spot);
  return spliceJson((raw) => ({ ...body, data: { ...body.data, [field]: raw } }), nested);
}

/** The field of `data` where deepBody puts nested JSON at a spot inside `data`. */
export function deepField(spot: Exclude<DeepSpot, 'whole body' | 'data'>): string {
  return spot === 'extra field' ? 'nested_extra' : spot;
}

/** A valid body padded to exactly `size` bytes with `unit`, which may take several bytes. */
export function paddedTo(body: Envelope, size: number, unit: string): string {
  const base = Buffer.byteLength(JSON.stringify({ ...body, data: { ...body.data, padding: '' } }));
  const unitBytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
  const wanted = Math.max(0, size - base);
  const padding = unit.repeat(Math.floor(wanted / unitBytes)) + 'x'.repeat(wanted % unitBytes);
  return JSON.stringify({ ...body, data: { ...body.data, padding } });
}
