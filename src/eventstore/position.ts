/**
 * A place in the whole log. EventStoreDB positions are a (commit, prepare) pair of byte
 * offsets; the embedded store uses one increasing number for both. Serialised as
 * "commit" when the two are equal and "commit/prepare" otherwise.
 */
export class Position {
  constructor(
    readonly commit: bigint,
    readonly prepare: bigint = commit,
  ) {}

  static parse(text: string): Position {
    const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
    if (!match) {
      throw new Error(`"${text}" is not a log position: expected a number or "commit/prepare"`);
    }
    const commit = BigInt(match[1]);
    return new Position(commit, match[2] === undefined ? commit : BigInt(match[2]));
  }

  compare(other: Position): -1 | 0 | 1 {
    if (this.commit !== other.commit) return this.commit < other.commit ? -1 : 1;
    if (this.prepare !== other.prepare) return this.prepare < other.prepare ? -1 : 1;
    return 0;
  }

  isAfter(other: Position): boolean {
    return this.compare(other) > 0;
  }

  equals(other: Position): boolean {
    return this.compare(other) === 0;
  }

  toString(): string {
    return this.commit === this.prepare ? `${this.commit}` : `${this.commit}/${this.prepare}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The earliest of the positions; undefined (the start of the log) when any is. */
export function lowestPosition(positions: (Position | undefined)[]): Position | undefined {
  let low: Position | undefined;
  for (const position of positions) {
    if (!position) return undefined;
    if (!low || low.isAfter(position)) low = position;
  }
  return low;
}
