import { namesFor } from '../../events/event-catalog.js';
import { EventType } from '../../events/event-types.js';
import { storedEvent, unrecognisedDelivery, type StoredEvent } from '../stored-events.js';
import { iso, type Happening } from './happenings.js';
import { DAY, HOUR, MINUTE, type Random } from './random.js';

export interface DeliveryRates {
  /** Share of happenings delivered a second time (a retry, a re-send, another subscription). */
  duplicates: number;
  /** Share delivered late: Qualified's one retry comes at least a minute later. */
  late: number;
  /** Share never delivered. */
  missing: number;
  /** Share followed by a delivery no read model uses: a note, or an unknown event name. */
  noise: number;
}

export interface DeliveryStats {
  happenings: number;
  missing: number;
  late: number;
  duplicates: number;
  noise: number;
}

interface Delivery {
  receivedAt: number;
  seq: number;
  event: StoredEvent;
}

/** How the happenings reach the ledger: in the order received, some twice, late or never. */
export function deliver(
  random: Random,
  happenings: readonly Happening[],
  rates: DeliveryRates,
): { events: StoredEvent[]; stats: DeliveryStats } {
  const stats: DeliveryStats = {
    happenings: happenings.length,
    missing: 0,
    late: 0,
    duplicates: 0,
    noise: 0,
  };
  const deliveries: Delivery[] = [];
  const add = (receivedAt: number, event: (at: string) => StoredEvent) =>
    deliveries.push({ receivedAt, seq: deliveries.length, event: event(iso(receivedAt)) });

  for (const happening of happenings) {
    if (random.chance(rates.missing)) {
      stats.missing += 1;
      continue;
    }
    const late = random.chance(rates.late);
    stats.late += late ? 1 : 0;
    const first = happening.at + (late ? random.int(MINUTE, 2 * HOUR) : random.int(50, 2000));
    add(first, (at) => sent(random, happening, at));
    if (random.chance(rates.duplicates)) {
      stats.duplicates += 1;
      add(first + random.int(MINUTE, 3 * DAY), (at) => sent(random, happening, at));
    }
    if (random.chance(rates.noise)) {
      stats.noise += 1;
      add(first + random.int(1, 5 * MINUTE), (at) => noise(random, happening.at, at));
    }
  }
  deliveries.sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
  return { events: deliveries.map((delivery) => delivery.event), stats };
}

/** Mostly under the current name, else under an older dotted or deprecated one. */
function sent(random: Random, happening: Happening, receivedAt: string): StoredEvent {
  const [current, ...older] = namesFor(happening.type);
  const eventName = older.length > 0 && random.chance(0.35) ? random.pick(older) : current;
  return storedEvent(happening.type, happening.data, {
    receivedAt,
    eventName,
    deliveryId: random.uuid(),
  });
}

function noise(random: Random, happenedAt: number, receivedAt: string): StoredEvent {
  const options = { receivedAt, deliveryId: random.uuid() };
  const data = { id: random.objectId(happenedAt), body: 'Spoke with the candidate.' };
  return random.chance(0.5)
    ? storedEvent(EventType.NoteCreated, data, options)
    : unrecognisedDelivery({ event: 'pathway_assignment_created', data }, options);
}
