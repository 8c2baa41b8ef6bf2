import { transformFile, type Options } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { COMPILED, REPO } from './paths.js';

/** What the bench children import: the service, the bench, the test server and generator. */
const SOURCES = ['src', 'bench', 'test/support'];

/** As the Jest config compiles: legacy decorators with metadata, for Nest. */
const SWC: Options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'es6' },
};

/**
 * Compiles the TypeScript the children run to JavaScript in COMPILED, so that they
 * run as a deployment does (node on JavaScript, as dist/ after `nest build`). Under the
 * @swc-node/register hook a process starts with about 135 MB more RSS and a compiler
 * thread, which would swamp the memory figures.
 */
export async function compileForChildren(): Promise<void> {
  rmSync(COMPILED, { recursive: true, force: true });
  mkdirSync(COMPILED, { recursive: true });
  // ES modules, and the repository's packages, as in the repository itself.
  writeFileSync(join(COMPILED, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(REPO, 'node_modules'), join(COMPILED, 'node_modules'), 'dir');
  const files = SOURCES.flatMap((dir) =>
    readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
      .filter(
        (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts'),
      )
      .filter((name) => !name.split('/').includes('.cache'))
      .map((name) => join(REPO, dir, name)),
  );
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(file, { ...SWC, filename: file, swcrc: false });
      const out = compiledPath(file);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, code);
    }),
  );
}

/** Where a TypeScript source's compiled JavaScript is. */
export function compiledPath(file: string): string {
  return join(COMPILED, relative(REPO, file)).replace(/\.ts$/, '.js');
}
