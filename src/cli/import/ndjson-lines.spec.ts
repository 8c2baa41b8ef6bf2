import { Readable } from 'node:stream';
import { ndjsonLines } from './ndjson-lines.js';

async function linesOf(chunks: string[], maxBytes: number) {
  const lines = [];
  for await (const line of ndjsonLines(Readable.from(chunks), maxBytes)) lines.push(line);
  return lines;
}

describe('ndjsonLines', () => {
  it('splits at \\n, drops the \\r of \\r\\n, and keeps a last line without a newline', async () => {
    expect(await linesOf(['{"a":1}\r\n{"b"', ':2}\n\n', '{"é":"€"}'], 100)).toEqual([
      '{"a":1}',
      '{"b":2}',
      '',
      '{"é":"€"}',
    ]);
    expect(await linesOf(['x\n'], 100)).toEqual(['x']);
  });

  it('reads a line of exactly the limit in bytes, \\r\\n or not', async () => {
    expect(await linesOf(['€€€\r\n€€', '€\n'], 9)).toEqual(['€€€', '€€€']);
  });

  it('reports a line over the limit, across chunks, and reads the lines after it', async () => {
    expect(await linesOf(['ok\n0123', '456789', 'x\r\nnext\n0123456789'], 9)).toEqual([
      'ok',
      { overlong: { bytes: 12, limit: 9 } },
      'next',
      { overlong: { bytes: 10, limit: 9 } },
    ]);
  });
});
