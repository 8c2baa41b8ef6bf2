import cliProgress from 'cli-progress';
import type { Progress } from './rebuild-progress.js';

export interface ProgressDisplay {
  update(progress: Progress): void;
  stop(): void;
}

/** A progress bar on a terminal, else a plain line every few seconds. */
export function progressDisplay(out: NodeJS.WriteStream): ProgressDisplay {
  return out.isTTY ? new BarDisplay(out) : new LineDisplay(out);
}

const LINE_EVERY_MS = 2000;

class LineDisplay implements ProgressDisplay {
  private last = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  update(progress: Progress): void {
    if (Date.now() - this.last < LINE_EVERY_MS) return;
    this.last = Date.now();
    this.out.write(`${progressLine(progress)}\n`);
  }

  stop(): void {}
}

class BarDisplay implements ProgressDisplay {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {}

  update(progress: Progress): void {
    const payload = { rate: rate(progress), eta: eta(progress), swapped: swapped(progress) };
    const total = progress.total ?? 0;
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { format: barFormat(progress), stream: this.out, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, progress.done, payload);
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(progress.done, payload);
  }

  stop(): void {
    this.bar?.stop();
  }
}

function barFormat(progress: Progress): string {
  const counts =
    progress.total === null
      ? '{value} events'
      : '{bar} {percentage}% | {value}/{total} events | ETA {eta}';
  return `Rebuilding ${counts} | {rate} events/s | {swapped}`;
}

/** `Rebuilding: 1200/6000 events (20%), 5400 events/s, ETA 1 s, 2/6 swapped in`. */
export function progressLine(progress: Progress): string {
  const { done, total } = progress;
  const counts =
    total === null
      ? `${done} events`
      : `${done}/${total} events (${total === 0 ? 100 : Math.floor((100 * done) / total)}%)`;
  const left = total === null ? '' : `, ETA ${eta(progress)}`;
  return `Rebuilding: ${counts}, ${rate(progress)} events/s${left}, ${swapped(progress)}`;
}

function rate(progress: Progress): string {
  return progress.rate === null ? '?' : `${Math.round(progress.rate)}`;
}

function swapped(progress: Progress): string {
  return `${progress.swappedIn}/${progress.projections} swapped in`;
}

function eta({ etaSeconds }: Progress): string {
  if (etaSeconds === null) return '?';
  const seconds = Math.ceil(etaSeconds);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
