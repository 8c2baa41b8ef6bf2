/** The row a payload gives, with the known row's value wherever the payload's is null. */
export function keepKnown<R extends Record<string, unknown>>(known: R | undefined, row: R): R {
  if (!known) return row;
  const merged = { ...row };
  for (const column of Object.keys(row) as (keyof R)[]) {
    merged[column] = row[column] ?? known[column];
  }
  return merged;
}
