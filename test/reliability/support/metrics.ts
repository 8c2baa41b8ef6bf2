/**
 * The samples of the service's Prometheus endpoint (`<url>/metrics`), by name and labels as
 * written there: `ledger_spool_depth`, `ledger_nodejs_heap_space_size_used_bytes{space="old"}`.
 */
export async function scrapeMetrics(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return new Map(
    Array.from(text.matchAll(/^(\w+(?:\{[^}]*\})?) (\S+)$/gm), ([, name, value]) => [
      name,
      Number(value),
    ]),
  );
}

/** Deliveries waiting in the service's spool for EventStoreDB. */
export async function spoolDepth(ingestUrl: string): Promise<number | undefined> {
  return (await scrapeMetrics(ingestUrl)).get('ledger_spool_depth');
}
