import {
  DeliveryEventType,
  REJECTED_DELIVERIES_STREAM,
} from '../../../src/events/delivery-event-types.js';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/event-store.port.js';
import { post } from '../../support/service.js';
import { webhookRequest, type Credentials } from './credentials.js';
import type { HostileDelivery } from './hostile-delivery.js';
import { firstDifference } from './json-surgery.js';

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
  /** What the log gained during the request; the fuzzer sends one request at a time. */
  appended: RecordedEvent[];
}

/** Posts a delivery and reads what it added to the log. */
export async function deliver(
  ingestUrl: string,
  ledger: EventStore,
  delivery: HostileDelivery,
  credentials: Credentials,
): Promise<Outcome> {
  const { url, headers } = webhookRequest(ingestUrl, credentials);
  if (delivery.contentType !== undefined) headers['content-type'] = delivery.contentType;
  const before = await ledger.headPosition();
  const answer = await post(url, delivery.body, headers);
  const since = await ledger.readAll(before ? { from: before } : {});
  return {
    status: answer.status,
    body: answer.body,
    retryAfter: answer.headers.get('retry-after'),
    appended: since.filter((event) => !before || !event.position.equals(before)),
  };
}

/**
 * What the README promises an authenticated delivery: stored as sent (202), or refused with
 * a 4xx and a reason, the refused body kept byte for byte when the answer says so; a 503
 * only with Retry-After; never any other 5xx.
 */
export function expectStoredOrRefused(delivery: HostileDelivery, outcome: Outcome, limit: number) {
  const { status, body, appended } = outcome;
  if (status === 503) {
    expect(outcome.retryAfter).toBeTruthy();
    expect(appended).toEqual([]);
    return;
  }
  expect([202, 400, 413, 415, 422]).toContain(status);
  const tooLarge = delivery.body.length > limit;
  // Fastify answers an unparseable Content-Type with 415 before it looks at the size.
  if (tooLarge) expect([413, 415]).toContain(status);
  if (status === 413) expect(tooLarge).toBe(true);
  const reachedAsJson = status !== 413 && status !== 415;
  if (delivery.refusal && reachedAsJson) {
    expect(status).toBe(422);
    expect(body.errors).toEqual([delivery.refusal]);
  }
  if (status === 202) return expectStoredAsSent(delivery, outcome);

  expect(body.message).toEqual(expect.stringMatching(/\S/));
  const kept = (body.kept as { eventId?: unknown } | undefined)?.eventId;
  // A 413, and a 415 for a Content-Type the HTTP layer cannot parse, come before the handler.
  if (status === 413 || (status === 415 && kept === undefined)) {
    expect(appended).toEqual([]);
    return;
  }
  expect(appended.map((event) => event.id)).toEqual([kept]);
  const [event] = appended;
  expect(event.stream).toBe(REJECTED_DELIVERIES_STREAM);
  const { body: raw, bodyEncoding } = event.data as { body: string; bodyEncoding: string };
  const storedBytes = Buffer.from(raw, bodyEncoding === 'base64' ? 'base64' : 'utf8');
  expect(storedBytes.toString('base64')).toBe(delivery.body.toString('base64'));
}

function expectStoredAsSent(delivery: HostileDelivery, { body, appended }: Outcome) {
  expect(appended.map((event) => event.id)).toEqual([body.eventId]);
  const [event] = appended;
  expect(event.stream).toBe(body.stream);
  // The server reads the body as UTF-8 with a byte order mark dropped; so does TextDecoder.
  const sent = JSON.parse(new TextDecoder().decode(delivery.body)) as Record<string, unknown>;
  const unrecognised = event.type === DeliveryEventType.Unrecognised;
  expect(firstDifference(event.data, unrecognised ? sent : sent.data)).toBeUndefined();
  expect(event.metadata.eventName).toBe(sent.event);
}

/** An unauthenticated request is refused and stores nothing. */
export function expectRefusedUnstored(delivery: HostileDelivery, outcome: Outcome, limit: number) {
  expect(outcome.appended).toEqual([]);
  expect(outcome.body.message).toEqual(expect.stringMatching(/\S/));
  // The HTTP layer refuses a body over the limit, or an unparseable Content-Type, before
  // the token is looked at; anything else must be 401.
  if (outcome.status === 413) expect(delivery.body.length).toBeGreaterThan(limit);
  else if (outcome.status !== 415) expect(outcome.status).toBe(401);
}
