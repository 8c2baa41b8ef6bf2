import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  getAssessment,
  type AssessmentView,
} from '../../projections/catalogue/catalogue.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { GetAssessmentQuery } from './get-assessment.query.js';

@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ id }: GetAssessmentQuery): Promise<AssessmentView | undefined> {
    return getAssessment(this.db, id);
  }
}
