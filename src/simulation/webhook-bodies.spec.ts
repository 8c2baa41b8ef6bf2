import { DeliveryEventType } from '../events/delivery-event-types.js';
import { resolveEventName } from '../events/event-catalog.js';
import { generateHistory } from './history-generator.js';
import { simulatedTraffic, webhookBody } from './webhook-bodies.js';

describe('simulated webhook traffic', () => {
  const traffic = simulatedTraffic({ seed: 5, candidates: 20 });

  it('is the same for the same seed and another for another', () => {
    expect(simulatedTraffic({ seed: 5, candidates: 20 })).toEqual(traffic);
    expect(simulatedTraffic({ seed: 6, candidates: 20 })).not.toEqual(traffic);
  });

  it('grows with the number of candidates', () => {
    const candidates = new Set(
      traffic
        .filter((body) => resolveEventName(body.event)?.resource === 'TeamCandidate')
        .map((body) => body.data.id),
    );
    expect(candidates.size).toBe(20);
    expect(simulatedTraffic({ seed: 5, candidates: 60 }).length).toBeGreaterThan(
      2.5 * traffic.length,
    );
  });

  it('sends each stored delivery as it came: the name used, the data, and whole unknown bodies', () => {
    const { events } = generateHistory({ seed: 5, candidates: 20, events: 2000 });
    const unknown = events.find((event) => event.type === DeliveryEventType.Unrecognised)!;
    expect(webhookBody(unknown)).toEqual(unknown.data);
    const dotted = events.find((event) => String(event.metadata.eventName).includes('.'))!;
    expect(webhookBody(dotted)).toEqual({ event: dotted.metadata.eventName, data: dotted.data });
    expect(resolveEventName(webhookBody(dotted).event)?.type).toBe(dotted.type);
  });

  it('repeats some deliveries', () => {
    const bodies = traffic.map((body) => JSON.stringify(body));
    expect(new Set(bodies).size).toBeLessThan(bodies.length);
  });
});
