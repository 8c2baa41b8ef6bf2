import { randomBytes } from 'node:crypto';
import { FIXTURE_TYPES, loadFixture } from '../../fixtures/webhooks/index.js';

/** A webhook body as Qualified posts it. */
export interface DeliveryBody {
  event: string;
  data: { id: string; [field: string]: unknown };
}

/**
 * An extra field in `data` that tells deliveries apart (the ledger keeps unknown fields):
 * `<client>/<seq>`.
 */
export const MARKER_FIELD = 'load_test_seq';

export function markerOf(data: unknown): string | undefined {
  const marker = (data as Record<string, unknown> | null)?.[MARKER_FIELD];
  return typeof marker === 'string' ? marker : undefined;
}

/**
 * Realistic, distinct deliveries for a load test. Client `c` cycles through every fixture
 * type, all about its own resources (one 24-hex id per client and run), so each stream is
 * written by a single client and its order can be checked.
 */
export class DeliveryMaker {
  private readonly run = randomBytes(4).toString('hex');

  resourceId(client: number): string {
    return `${this.run}${client.toString(16).padStart(16, '0')}`;
  }

  body(client: number, seq: number): DeliveryBody {
    const type = FIXTURE_TYPES[(client + seq) % FIXTURE_TYPES.length];
    const fixture = loadFixture(type);
    return {
      event: fixture.event,
      data: { ...fixture.data, id: this.resourceId(client), [MARKER_FIELD]: `${client}/${seq}` },
    };
  }
}
