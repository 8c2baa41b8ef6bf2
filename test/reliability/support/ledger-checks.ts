import type { EventStore, RecordedEvent } from '../../../src/eventstore/event-store.port.js';
import { markerOf } from './deliveries.js';
import { accepted, eventIdOf, type Answer, type Delivery } from './load-generator.js';

/**
 * Checks of a load test's log against what its clients were told. Each returns one line per
 * problem, so that a failure lists them all: `expect(problems).toEqual([])`. Values are
 * compared as JSON text: events read through better-sqlite3 come partly from outside Jest's
 * realm, where util.isDeepStrictEqual sees other prototypes.
 */

const name = ({ client, seq }: Delivery) => `client ${client} delivery ${seq}`;

/** Deliveries answered 202 whose event is not in the log exactly once, by id and by content. */
export function notStoredOnce(accepted: readonly Answer[], events: RecordedEvent[]): string[] {
  const byId = countBy(events, (event) => event.id);
  const byMarker = countBy(events, (event) => markerOf(event.data));
  return accepted.flatMap((answer) => {
    const id = eventIdOf(answer);
    const ids = byId.get(id) ?? 0;
    const copies = byMarker.get(markerOf(answer.delivery.body.data)) ?? 0;
    return ids === 1 && copies === 1
      ? []
      : [
          `${name(answer.delivery)}: answered 202 ${id}, stored ${ids}× by id, ${copies}× by content`,
        ];
  });
}

/** Events that are not, type and data alike, one of the deliveries that may be stored. */
export function unexpected(mayBeStored: readonly Delivery[], events: RecordedEvent[]): string[] {
  const byMarker = new Map(mayBeStored.map((delivery) => [markerOf(delivery.body.data), delivery]));
  return events.flatMap((event) => {
    const delivery = byMarker.get(markerOf(event.data));
    if (!delivery) return [`${event.id} in ${event.stream} should not be stored`];
    const same =
      event.metadata.eventName === delivery.body.event &&
      JSON.stringify(event.data) === JSON.stringify(delivery.body.data);
    return same ? [] : [`${event.id} differs from ${name(delivery)}, which was sent`];
  });
}

/**
 * Streams whose accepted deliveries are not stored in the order they were answered. Each
 * stream has one writer (one client), so that order is the order they were sent in.
 */
export function outOfOrder(accepted: readonly Answer[], events: RecordedEvent[]): string[] {
  const inAnswerOrder = [...accepted].sort((a, b) => a.order - b.order);
  const answered = groupBy(inAnswerOrder, (answer) => String(answer.body?.stream));
  return [...answered].flatMap(([stream, answers]) => {
    const expected = answers.map((answer) => markerOf(answer.delivery.body.data)!);
    const wanted = new Set(expected);
    const stored = events
      .filter((event) => event.stream === stream)
      .sort((a, b) => Number(a.revision - b.revision))
      .map((event) => markerOf(event.data)!)
      .filter((marker) => wanted.has(marker));
    return stored.join(' ') === expected.join(' ')
      ? []
      : [`${stream}: answered ${expected.join(' ')}, stored ${stored.join(' ')}`];
  });
}

/** Streams whose revisions are not 0, 1, 2, … without a gap (a torn write would leave one). */
export function gappedStreams(events: RecordedEvent[]): string[] {
  return [...groupBy(events, (event) => event.stream)].flatMap(([stream, inStream]) => {
    const sorted = inStream.map((event) => event.revision).sort((a, b) => Number(a - b));
    return sorted.every((revision, i) => revision === BigInt(i))
      ? []
      : [`${stream}: revisions ${sorted.join(',')}`];
  });
}

/**
 * Every check of a log that must hold exactly the deliveries answered 202: each stored once,
 * nothing else, in the order answered, without gaps.
 */
export function notExactlyTheAccepted(answers: readonly Answer[], events: RecordedEvent[]) {
  const stored = accepted(answers);
  return [
    ...notStoredOnce(stored, events),
    ...unexpected(
      stored.map((answer) => answer.delivery),
      events,
    ),
    ...outOfOrder(stored, events),
    ...gappedStreams(events),
  ];
}

/** Whether the event a 202 answer names is in its stream. */
export async function isStored(store: EventStore, answer: Answer): Promise<boolean> {
  const events = await store.readStream(String(answer.body?.stream));
  return events.some((event) => event.id === answer.body?.eventId);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function countBy<T>(items: T[], key: (item: T) => unknown): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
