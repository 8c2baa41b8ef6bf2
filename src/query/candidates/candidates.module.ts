import { Module } from '@nestjs/common';
import { CandidatesController } from './candidates.controller.js';
import { GetCandidateStateAsOfHandler } from './get-candidate-state-as-of.handler.js';
import { GetCandidateHandler } from './get-candidate.handler.js';
import { ListCandidatesHandler } from './list-candidates.handler.js';

/** GET /candidates and /candidates/:id, over the team-candidates read model. */
@Module({
  controllers: [CandidatesController],
  providers: [ListCandidatesHandler, GetCandidateHandler, GetCandidateStateAsOfHandler],
})
export class CandidatesModule {}
