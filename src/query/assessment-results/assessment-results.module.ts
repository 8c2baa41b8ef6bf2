import { Module } from '@nestjs/common';
import { AssessmentResultsController } from './assessment-results.controller.js';
import { GetAssessmentResultHandler } from './get-assessment-result.handler.js';
import { ListAssessmentResultsHandler } from './list-assessment-results.handler.js';

/** GET /assessment-results and /assessment-results/:id, over the assessment-results read model. */
@Module({
  controllers: [AssessmentResultsController],
  providers: [ListAssessmentResultsHandler, GetAssessmentResultHandler],
})
export class AssessmentResultsModule {}
