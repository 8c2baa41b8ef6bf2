import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledPath } from '../support/compile.js';
import { REPO } from '../support/paths.js';

/** The history generator's options and output, as far as the bench uses them. */
export interface GeneratorOptions {
  seed: number;
  candidates: number;
  events: number;
}

export interface GeneratedEvent {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export type GenerateHistory = (options: GeneratorOptions) => { events: GeneratedEvent[] };

export interface GeneratorSource {
  /** The module that exports generateHistory. */
  file: string;
  /** A hash of the generator's sources: a changed generator makes new histories. */
  hash: string;
}

const DEFINES = /export\s+(async\s+)?function\s+generateHistory\b/;

/**
 * The history generator is moving from test/support to src/simulation: use src/simulation
 * when it is there, else the old place.
 */
export function findGenerator(): GeneratorSource {
  const simulation = join(REPO, 'src/simulation');
  if (existsSync(simulation)) {
    const files = typescriptFiles(simulation);
    const file = files.find((path) => DEFINES.test(readFileSync(path, 'utf8')));
    if (file) return { file, hash: hashFiles(files) };
  }
  const support = join(REPO, 'test/support');
  const file = join(support, 'history-generator.ts');
  if (!existsSync(file)) throw new Error('No history generator in src/simulation or test/support');
  const files = [
    file,
    join(support, 'stored-events.ts'),
    ...typescriptFiles(join(support, 'history')),
  ];
  return { file, hash: hashFiles(files) };
}

/** Imports the generator's compiled JavaScript (bench children run compiled). */
export async function loadGenerator(file: string): Promise<GenerateHistory> {
  const url = pathToFileURL(compiledPath(file)).href;
  const module = (await import(url)) as { generateHistory: GenerateHistory };
  return module.generateHistory;
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => join(dir, name))
    .sort();
}

function hashFiles(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(REPO, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 10);
}
