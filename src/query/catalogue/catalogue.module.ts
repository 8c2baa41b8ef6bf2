import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller.js';
import { GetAssessmentHandler } from './get-assessment.handler.js';
import { GetChallengeHandler } from './get-challenge.handler.js';
import { ListAssessmentsHandler } from './list-assessments.handler.js';
import { ListChallengesHandler } from './list-challenges.handler.js';

/** GET /assessments, /assessments/:id, /challenges and /challenges/:id, over the catalogue. */
@Module({
  controllers: [CatalogueController],
  providers: [
    ListAssessmentsHandler,
    GetAssessmentHandler,
    ListChallengesHandler,
    GetChallengeHandler,
  ],
})
export class CatalogueModule {}
