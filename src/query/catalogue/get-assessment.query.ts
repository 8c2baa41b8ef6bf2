import { Query } from '@nestjs/cqrs';
import type { AssessmentView } from '../../projections/catalogue/catalogue.reader.js';

/** One assessment, also a soft-deleted one; undefined for an unknown id. */
export class GetAssessmentQuery extends Query<AssessmentView | undefined> {
  constructor(readonly id: string) {
    super();
  }
}
