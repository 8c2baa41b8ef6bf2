import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.js';

const FIXTURES = join(REPO, 'test/fixtures/webhooks');
const MARK = '__BENCH_ID__';
const MONGO_ID = /"[0-9a-f]{24}"/g;

/** A fixture body as JSON text, split where its ids go. */
export interface BodyTemplate {
  event: string;
  parts: string[];
}

/** Every webhook fixture (or the named ones), ready to be given fresh ids. */
export function bodyTemplates(events?: readonly string[]): BodyTemplate[] {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.json'));
  return files
    .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')))
    .filter((body: { event: string }) => !events || events.includes(body.event))
    .map((body: { event: string }) => ({
      event: body.event,
      // Every id in the body, its own and those it refers to, takes the fresh id, so that
      // the load spreads over new entities instead of piling onto the fixtures' few.
      parts: JSON.stringify(body).replace(MONGO_ID, `"${MARK}"`).split(MARK),
    }));
}

export function withId(template: BodyTemplate, id: string): string {
  return template.parts.join(id);
}

/**
 * Distinct Mongo-style ids (24 hex digits, as Qualified's): a random prefix for this
 * process, then a counter.
 */
export function idMaker(): () => string {
  const prefix = Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
  let n = 0;
  return () => prefix + (n++).toString(16).padStart(16, '0');
}

/** Cycles through the templates, each body with a new id. */
export function rotatingBodies(templates: readonly BodyTemplate[]): () => string {
  const nextId = idMaker();
  let i = 0;
  return () => withId(templates[i++ % templates.length], nextId());
}
