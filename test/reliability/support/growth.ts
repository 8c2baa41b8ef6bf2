import { linearRegression, linearRegressionLine } from 'simple-statistics';
import { FIGURES, type Figure, type Sample } from './process-samples.js';

/** Fewer samples than this after the warm-up prove nothing. */
const MIN_SAMPLES = 10;

/**
 * One line for each figure that grows: whose least-squares line through the samples after
 * `warmUpSeconds` rises by more than the figure's limit between the first of them and the
 * last. A line through every sample is not swayed by a few high ones, as comparing the
 * first sample with the last would be.
 */
export function growingFigures(samples: readonly Sample[], warmUpSeconds: number): string[] {
  const measured = samples.filter((sample) => sample.seconds >= warmUpSeconds);
  if (measured.length < MIN_SAMPLES) {
    throw new Error(`${measured.length} samples after the warm-up, fewer than ${MIN_SAMPLES}`);
  }
  const from = measured[0].seconds;
  const to = measured.at(-1)!.seconds;
  return (Object.keys(FIGURES) as Figure[]).flatMap((figure) => {
    const line = linearRegressionLine(
      linearRegression(measured.map((sample) => [sample.seconds, sample.values[figure]])),
    );
    const { unit, limit } = FIGURES[figure];
    const show = (value: number) => `${(value / unit).toFixed(1)}${unit === 1 ? '' : ' MB'}`;
    const growth = line(to) - line(from);
    return growth <= limit
      ? []
      : [
          `${figure} rose ${show(growth)}, from ${show(line(from))} to ${show(line(to))} between ` +
            `${from.toFixed(0)} s and ${to.toFixed(0)} s (the limit: ${show(limit)})`,
        ];
  });
}
