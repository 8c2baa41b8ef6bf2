import { Query } from '@nestjs/cqrs';
import type {
  AssessmentQuery,
  AssessmentView,
} from '../../projections/catalogue/catalogue.reader.js';
import type { Page } from '../../projections/shared/pagination.js';

/** Assessments in the catalogue, filtered, the most recently created first, a page at a time. */
export class ListAssessmentsQuery extends Query<Page<AssessmentView>> {
  constructor(readonly filter: AssessmentQuery) {
    super();
  }
}
