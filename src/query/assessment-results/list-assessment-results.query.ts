import { Query } from '@nestjs/cqrs';
import type {
  AssessmentResultQuery,
  AssessmentResultSummary,
} from '../../projections/assessment-results/assessment-results.reader.js';
import type { Page } from '../../projections/shared/pagination.js';

/** Assessment results, filtered, the most recently created first, a page at a time. */
export class ListAssessmentResultsQuery extends Query<Page<AssessmentResultSummary>> {
  constructor(readonly filter: AssessmentResultQuery) {
    super();
  }
}
