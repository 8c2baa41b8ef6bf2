import Database from 'better-sqlite3';

/**
 * Up to `count` ids of a resource's streams in the event log (`<resource>-<id>`), spread over
 * the whole history, in a fixed shuffled order.
 */
export function sampleIds(eventsFile: string, resource: string, count: number): string[] {
  const db = new Database(eventsFile, { readonly: true });
  try {
    // A range on the (stream, revision) index; LIKE would scan the whole log.
    const streams = db
      .prepare<[string, string], { stream: string }>(
        'SELECT stream FROM events WHERE stream >= ? AND stream < ? AND revision = 0',
      )
      .all(`${resource}-`, `${resource}.`)
      .map((row) => row.stream.slice(resource.length + 1));
    const step = Math.max(1, Math.floor(streams.length / count));
    const picked = streams.filter((_, i) => i % step === 0).slice(0, count);
    return shuffle(picked);
  } finally {
    db.close();
  }
}

/** Fisher-Yates with a fixed linear congruential sequence: the same order every run. */
function shuffle<T>(items: T[]): T[] {
  let seed = 2026;
  for (let i = items.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
