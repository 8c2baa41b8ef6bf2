import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { childInput, report, runChild } from '../support/child-io.js';
import { loadGenerator, type GeneratorOptions } from './generator.js';

export interface GenerateInput {
  generator: string;
  options: GeneratorOptions;
  file: string;
}

export interface GenerateOutput {
  events: number;
  candidates: number;
  generateMs: number;
  writeMs: number;
}

/** Appends this many events in one go: the store commits them as one group. */
const GROUP = 10_000;

/** Generates a history and writes it, in log order, to a new SQLite event store file. */
runChild(async () => {
  const { generator, options, file } = childInput<GenerateInput>();
  const generateHistory = await loadGenerator(generator);
  const started = Date.now();
  const { events } = generateHistory(options);
  const generated = Date.now();
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  for (let i = 0; i < events.length; i += GROUP) {
    await Promise.all(
      events
        .slice(i, i + GROUP)
        .map(({ id, stream, type, data, metadata }) =>
          store.append(stream, [{ id, type, data, metadata }]),
        ),
    );
  }
  await store.close();
  const candidates = new Set(
    events
      .filter((event) => event.stream.startsWith('teamCandidate-'))
      .map((event) => event.stream),
  ).size;
  report({
    events: events.length,
    candidates,
    generateMs: generated - started,
    writeMs: Date.now() - generated,
  } satisfies GenerateOutput);
});
