import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository: the nearest folder up with a package.json, or, in a child running
 * compiled code elsewhere, the one its parent names.
 */
export const REPO = process.env.BENCH_REPO ?? findRepo(dirname(fileURLToPath(import.meta.url)));
export const BENCH = join(REPO, 'bench');
/** Generated histories, profiles and each run's data directories; ignored by git. */
export const CACHE = join(BENCH, '.cache');
/**
 * Where the children's JavaScript is compiled to: outside the repository, where neither
 * ESLint nor Prettier looks.
 */
export const COMPILED = join(
  tmpdir(),
  `qualified-ledger-bench-${createHash('sha256').update(REPO).digest('hex').slice(0, 8)}`,
);
export const RESULTS_FILE = join(BENCH, 'results.json');
export const PROFILES = join(CACHE, 'profiles');

/** A fresh directory for this bench run's data (event stores, read models, logs). */
export function runDir(): string {
  const dir = join(CACHE, 'runs', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function findRepo(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`No package.json above ${from}`);
}
