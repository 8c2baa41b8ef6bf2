import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { assessmentResultsProjection } from './assessment-results.projection.js';
import { assessmentResultIds } from './assessment-results.reader.js';

const backend = objectId('assessment', 1);
const frontend = objectId('assessment', 2);

const resultOf = (n: number, assessmentId: string) =>
  fixtureEvent('assessment_result_started', {
    receivedAt: at(n),
    patch: { id: objectId('result', n), assessment: { id: assessmentId } },
  });

describe("reading an assessment's result ids", () => {
  const harness = useProjectionHarness(assessmentResultsProjection);

  beforeEach(async () => {
    await harness().given([
      resultOf(1, backend),
      resultOf(2, frontend),
      resultOf(3, backend),
      resultOf(4, backend),
    ]);
  });

  const ids = (options: { before?: string; limit: number }) =>
    assessmentResultIds(harness().store, backend, options);

  it('gives the ids of its results, the newest first, a batch at a time', async () => {
    expect(await ids({ limit: 10 })).toEqual([4, 3, 1].map((n) => objectId('result', n)));
    expect(await ids({ limit: 2 })).toEqual([4, 3].map((n) => objectId('result', n)));
    expect(await ids({ before: objectId('result', 3), limit: 2 })).toEqual([objectId('result', 1)]);
  });
});
