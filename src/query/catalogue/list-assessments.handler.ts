import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listAssessments,
  type AssessmentView,
} from '../../projections/catalogue/catalogue.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListAssessmentsQuery } from './list-assessments.query.js';

@QueryHandler(ListAssessmentsQuery)
export class ListAssessmentsHandler implements IQueryHandler<ListAssessmentsQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ filter }: ListAssessmentsQuery): Promise<Page<AssessmentView>> {
    return listAssessments(this.db, filter);
  }
}
