import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listAssessmentResults,
  type AssessmentResultSummary,
} from '../../projections/assessment-results/assessment-results.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListAssessmentResultsQuery } from './list-assessment-results.query.js';

@QueryHandler(ListAssessmentResultsQuery)
export class ListAssessmentResultsHandler implements IQueryHandler<ListAssessmentResultsQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ filter }: ListAssessmentResultsQuery): Promise<Page<AssessmentResultSummary>> {
    return listAssessmentResults(this.db, filter);
  }
}
