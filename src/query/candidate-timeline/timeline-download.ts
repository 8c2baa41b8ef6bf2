import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import type { TimelineEntryView } from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import type { TimelineFormat } from './timeline.dto.js';

type DownloadFormat = Exclude<TimelineFormat, 'json'>;

/** The CSV's columns, in order; the header row names them. */
export const TIMELINE_CSV_COLUMNS = [
  'seq',
  'kind',
  'from',
  'to',
  'expected',
  'label',
  'resultId',
  'reviewId',
  'reviewState',
  'at',
  'eventId',
  'eventType',
  'eventName',
] as const satisfies readonly (keyof TimelineEntryView)[];

const DOWNLOADS: Record<
  DownloadFormat,
  { type: string; body: (entries: AsyncIterable<TimelineEntryView>) => Readable }
> = {
  csv: { type: 'text/csv; charset=utf-8', body: csv },
  ndjson: { type: 'application/x-ndjson', body: ndjson },
};

/** The timeline as a file to save, streamed as the entries are read. */
export function timelineDownload(
  candidateId: string,
  entries: AsyncIterable<TimelineEntryView>,
  format: DownloadFormat,
): StreamableFile {
  const { type, body } = DOWNLOADS[format];
  const name = `candidate-${candidateId.replace(/[^\w-]/g, '_')}-timeline.${format}`;
  return new StreamableFile(body(entries), {
    type,
    disposition: `attachment; filename="${name}"`,
  });
}

/** Cells that a spreadsheet would run as formulas (=, +, -, @) are prefixed with a quote. */
function csv(entries: AsyncIterable<TimelineEntryView>): Readable {
  const rows = stringify({
    header: true,
    columns: [...TIMELINE_CSV_COLUMNS],
    escape_formulas: true,
  });
  // A failed read destroys the download with the error, which the response then reports.
  return pipeline(Readable.from(entries), rows, () => undefined);
}

function ndjson(entries: AsyncIterable<TimelineEntryView>): Readable {
  return Readable.from(lines(entries));
}

async function* lines(entries: AsyncIterable<TimelineEntryView>): AsyncGenerator<string> {
  for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
}
