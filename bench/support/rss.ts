import { readFileSync } from 'node:fs';

/** The process's peak resident set so far (VmHWM), in MB; undefined where /proc is missing. */
export function peakRssMb(pid: number | 'self' = 'self'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples another process's peak RSS until stopped; the highest value seen, in MB. */
export function watchPeakRss(pid: number, everyMs = 100): { stop(): number | undefined } {
  let peak: number | undefined;
  const sample = () => {
    const now = peakRssMb(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      sample();
      clearInterval(timer);
      return peak;
    },
  };
}
