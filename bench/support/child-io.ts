/** The JSON input a bench child was started with (its first argument). */
export function childInput<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Sends one message to the bench parent (a line on stdout). */
export function report(message: unknown): void {
  process.stdout.write(`BENCH ${JSON.stringify(message)}\n`);
}

/** Runs a child's main function, reporting a failure as a non-zero exit. */
export function runChild(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
