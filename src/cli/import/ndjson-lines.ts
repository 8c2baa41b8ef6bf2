/** A line longer than the limit: only its length is known, its bytes were not kept. */
export interface OverlongLine {
  overlong: { bytes: number; limit: number };
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of NDJSON bytes (split at `\n`, a `\r` before it dropped), decoded as UTF-8.
 * A line longer than `maxBytes` is never held whole: it is skipped and reported, and the
 * lines after it are read as usual.
 */
export async function* ndjsonLines(
  input: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<string | OverlongLine> {
  let line = new LineBuffer(maxBytes);
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      line.add(bytes.subarray(start, end));
      yield line.finish();
      line = new LineBuffer(maxBytes);
      start = end + 1;
    }
    line.add(bytes.subarray(start));
  }
  if (line.bytes > 0) yield line.finish();
}

class LineBuffer {
  private parts: Buffer[] = [];
  bytes = 0;

  // One byte over the limit is kept, in case it is the `\r` of a `\r\n`.
  constructor(private readonly maxBytes: number) {}

  add(piece: Buffer): void {
    this.bytes += piece.length;
    if (this.bytes <= this.maxBytes + 1) this.parts.push(piece);
    else this.parts = [];
  }

  finish(): string | OverlongLine {
    const whole = Buffer.concat(this.parts);
    const content = whole.at(-1) === CARRIAGE_RETURN ? whole.subarray(0, -1) : whole;
    const bytes = this.bytes - (whole.length - content.length);
    if (bytes > this.maxBytes) return { overlong: { bytes, limit: this.maxBytes } };
    return content.toString('utf8');
  }
}
