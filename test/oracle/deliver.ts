import type { WebhookBody } from '../../src/simulation/webhook-bodies.js';
import type { RunningService } from '../support/service.js';
import type { JsonClient } from './json-client.js';
import { arrivalOrder, bodyOf, type PlannedHistory } from './planned-history.js';

/** Candidates whose deliveries are sent side by side; each candidate's go one after another. */
const LANES = 8;

/**
 * Posts the history to the webhook endpoint: the catalogue first, then each candidate's
 * deliveries in their arrival order, several candidates at a time. Returns the position
 * of the last event stored.
 */
export async function deliver(
  client: JsonClient,
  service: RunningService,
  history: PlannedHistory,
): Promise<string> {
  let last = 0n;
  const send = async (body: WebhookBody) => {
    const answer = await client.post(service.webhookUrl, body);
    if (answer.status !== 202) {
      throw new Error(
        `${body.event} was answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    const position = BigInt(String(answer.body.position));
    if (position > last) last = position;
  };
  for (const body of history.catalogueDeliveries) await send(body);
  const lanes = Array.from({ length: LANES }, async (_, lane) => {
    for (let n = lane; n < history.candidates.length; n += LANES) {
      for (const happening of arrivalOrder(history.candidates[n])) await send(bodyOf(happening));
    }
  });
  await Promise.all(lanes);
  return last.toString();
}
