export interface Repeating {
  /** Ends the repeats; resolves once the one under way has ended. */
  stop(): Promise<void>;
}

/** Runs `round` again and again, each after the last has ended, until stopped. */
export function repeatUntilStopped(round: () => Promise<void>): Repeating {
  let stopped = false;
  const running = (async () => {
    while (!stopped) await round();
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
