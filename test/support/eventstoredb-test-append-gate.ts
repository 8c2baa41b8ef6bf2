// Where EventStoreDBTestServer's appends pass, on either path (a test fixture, not product code).

/** Streams.Append (the single-append fallback) or Streams.BatchAppend (what servers >= 21.10 offer). */
export type AppendPath = 'append' | 'batchAppend';

/**
 * Counts the appends each path received and, while held, keeps them neither carried out nor
 * answered: a server whose writes hang. Released, it carries them out in arrival order.
 */
export class AppendGate {
  readonly received: Record<AppendPath, number> = { append: 0, batchAppend: 0 };
  private held: (() => void)[] | undefined;

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const carryOut of held) carryOut();
  }

  /** Carries out and answers an append now, or on release while held. */
  submit(path: AppendPath, carryOut: () => void): void {
    this.received[path] += 1;
    if (this.held) this.held.push(carryOut);
    else carryOut();
  }
}
