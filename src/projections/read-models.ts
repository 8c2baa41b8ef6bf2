import { assessmentResultsProjection } from './assessment-results/assessment-results.projection.js';
import { candidateTimelineProjection } from './candidate-timeline/candidate-timeline.projection.js';
import { catalogueProjection } from './catalogue/catalogue.projection.js';
import { funnelProjection } from './funnel/funnel.projection.js';
import type { Projection } from './projection.js';
import { reviewProgressProjection } from './review-progress/review-progress.projection.js';
import { teamCandidatesProjection } from './team-candidates/team-candidates.projection.js';

/** Every read model, for the runner to register. */
export const READ_MODEL_PROJECTIONS: Projection[] = [
  teamCandidatesProjection,
  candidateTimelineProjection,
  assessmentResultsProjection,
  reviewProgressProjection,
  catalogueProjection,
  funnelProjection,
];
