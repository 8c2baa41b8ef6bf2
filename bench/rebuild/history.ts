import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { runBenchChild } from '../support/child.js';
import { BENCH, CACHE } from '../support/paths.js';
import type { GenerateInput, GenerateOutput } from './generate-child.js';
import { findGenerator, type GeneratorOptions } from './generator.js';

export interface CachedHistory {
  /** A SQLite event store file holding the history; read it, never write it. */
  file: string;
  options: GeneratorOptions;
  events: number;
  candidates: number;
  generator: string;
  generateMs: number;
  writeMs: number;
  /** True when it came from bench/.cache rather than being generated now. */
  cached: boolean;
}

/** Histories keep the generator's default shape: about 20 events per candidate. */
export function historyOptions(events: number): GeneratorOptions {
  return { seed: 2026, events, candidates: Math.round(events / 20) };
}

/**
 * The generated history of this size as a SQLite event store, from bench/.cache when one
 * was generated before with the same options and the same generator sources.
 */
export async function cachedHistory(options: GeneratorOptions): Promise<CachedHistory> {
  const generator = findGenerator();
  const stem = `history-e${options.events}-c${options.candidates}-s${options.seed}`;
  const file = join(CACHE, `${stem}-${generator.hash}.sqlite`);
  const facts = `${file}.json`;
  if (existsSync(file) && existsSync(facts)) {
    return { ...(JSON.parse(readFileSync(facts, 'utf8')) as CachedHistory), file, cached: true };
  }
  mkdirSync(CACHE, { recursive: true });
  removeStale(stem);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  console.log(
    `Generating a history of ${options.events.toLocaleString('en-US')} events (cached in bench/.cache)...`,
  );
  const output = await runBenchChild<GenerateOutput>(
    join(BENCH, 'rebuild/generate-child.ts'),
    { generator: generator.file, options, file: partial } satisfies GenerateInput,
    { nodeArgs: ['--max-old-space-size=8192'] },
  );
  renameSync(partial, file);
  const history = { file, options, generator: generator.file, ...output, cached: false };
  writeFileSync(facts, JSON.stringify(history, null, 2));
  return history;
}

/** Histories of the same options made by an older generator. */
function removeStale(stem: string): void {
  for (const name of readdirSync(CACHE)) {
    if (name.startsWith(`${stem}-`)) rmSync(join(CACHE, name), { force: true });
  }
}
