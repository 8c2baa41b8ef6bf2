import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The first capture of `pattern` in the project's file at `path`. */
function captured(path: string, pattern: RegExp): string | undefined {
  return pattern.exec(readFileSync(root + path, 'utf8'))?.[1];
}

describe('Dockerfile', () => {
  it('runs the Node.js major that CI runs the test suite on besides the development one', () => {
    const imageMajor = captured('Dockerfile', /^ARG NODE_IMAGE=node:(\d+)\b/m);
    expect(imageMajor).toBeDefined();
    expect(captured('.ci/test-node24', /^major=(\d+)$/m)).toBe(imageMajor);
  });
});
