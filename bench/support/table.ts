export type Row = Record<string, string | number | boolean | null | undefined>;

/** Prints rows as an aligned text table under a title. */
export function printTable(title: string, rows: readonly Row[]): void {
  if (rows.length === 0) return void console.log(`\n${title}\n(none)`);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => show(row[column])));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((line) => line[i].length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const values of cells) console.log(line(values));
}

function show(value: Row[string]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? value.toLocaleString('en-US') : String(value);
  return String(value);
}
