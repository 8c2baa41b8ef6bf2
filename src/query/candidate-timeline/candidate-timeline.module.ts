import { Module } from '@nestjs/common';
import { CandidateTimelineController } from './candidate-timeline.controller.js';
import { ExportCandidateTimelineHandler } from './export-candidate-timeline.handler.js';
import { GetCandidateTimelineHandler } from './get-candidate-timeline.handler.js';

/** GET /candidates/:id/timeline, over the candidate-timeline read model. */
@Module({
  controllers: [CandidateTimelineController],
  providers: [GetCandidateTimelineHandler, ExportCandidateTimelineHandler],
})
export class CandidateTimelineModule {}
