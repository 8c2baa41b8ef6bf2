import { eventually } from '../../support/eventually.js';
import { post } from '../../support/service.js';
import type { DeliveryBody } from './deliveries.js';

export interface Delivery {
  client: number;
  /** The client's own count: its deliveries go out one after the other in this order. */
  seq: number;
  body: DeliveryBody;
}

export interface Answer {
  delivery: Delivery;
  /** Where this answer came among all answers, in the order they arrived. */
  order: number;
  /** Undefined when the request got no answer (connection refused, reset, ...). */
  status?: number;
  body?: Record<string, unknown>;
  retryAfter?: string | null;
  error?: string;
}

export interface LoadOptions {
  url: string;
  clients: number;
  body: (client: number, seq: number) => DeliveryBody;
  /** Pause between a client's deliveries, to bound the volume. */
  pauseMs?: number;
  /** Called on every answer as it arrives. */
  onAnswer?: (answer: Answer) => void;
}

export interface Load {
  readonly answers: readonly Answer[];
  /** Resolves once `count` answers (of any kind) have arrived. */
  answered(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when every client has ended by itself, at its first request without an answer. */
  readonly ended: Promise<readonly Answer[]>;
  /** Stops sending; resolves once every client's last request is answered. */
  stop(): Promise<readonly Answer[]>;
}

/**
 * Concurrent webhook senders. Each client posts its deliveries one at a time, as Qualified
 * does for one subscription, and stops for good when a request gets no answer.
 */
export function startLoad(options: LoadOptions): Load {
  const answers: Answer[] = [];
  let stopped = false;

  const runClient = async (client: number) => {
    for (let seq = 0; !stopped; seq += 1) {
      const delivery = { client, seq, body: options.body(client, seq) };
      const answer = { ...(await send(options.url, delivery)), order: answers.length };
      answers.push(answer);
      options.onAnswer?.(answer);
      if (answer.status === undefined) return;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const ended = Promise.all(Array.from({ length: options.clients }, (_, i) => runClient(i))).then(
    () => answers,
  );

  return {
    answers,
    ended,
    answered: async (count, timeoutMs = 20_000) => {
      await eventually(async () => {
        if (answers.length < count) throw new Error(`${answers.length} of ${count} answers`);
      }, timeoutMs);
    },
    stop: () => {
      stopped = true;
      return ended;
    },
  };
}

async function send(url: string, delivery: Delivery): Promise<Omit<Answer, 'order'>> {
  try {
    const { status, body, headers } = await post(url, delivery.body);
    return { delivery, status, body, retryAfter: headers.get('retry-after') };
  } catch (error) {
    return { delivery, error: String(error) };
  }
}

export function accepted(answers: readonly Answer[]): Answer[] {
  return answers.filter((answer) => answer.status === 202);
}

/** Answered 202 from the spool: the event store did not take it in time. */
export function isSpooled(answer: Answer): boolean {
  return answer.status === 202 && answer.body?.spooled === true;
}

export function eventIdOf(answer: Answer): string {
  return String(answer.body?.eventId);
}

/** One line about an answer, for failure messages. */
export function summary({ delivery, status, error, body }: Answer): string {
  return `client ${delivery.client} delivery ${delivery.seq}: ${status ?? error} ${JSON.stringify(body)}`;
}
