import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Settings } from '../config/settings.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeys } from './auth/api-keys.js';
import { AssessmentResultsModule } from './assessment-results/assessment-results.module.js';
import { CandidateTimelineModule } from './candidate-timeline/candidate-timeline.module.js';
import { CandidatesModule } from './candidates/candidates.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { FunnelModule } from './funnel/funnel.module.js';
import { InvalidCursorFilter } from './http/invalid-cursor.filter.js';
import { PROJECTION_HANDLERS } from './projections/projections.handlers.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { ReadYourWritesInterceptor } from './read-your-writes/read-your-writes.interceptor.js';
import { ReviewProgressModule } from './review-progress/review-progress.module.js';
import { GetStreamEventsHandler } from './streams/get-stream-events.handler.js';
import { StreamsController } from './streams/streams.controller.js';

const READ_MODEL_ROUTES = [
  CandidatesModule,
  CandidateTimelineModule,
  AssessmentResultsModule,
  ReviewProgressModule,
  CatalogueModule,
  FunnelModule,
];

/**
 * The query role: read-only routes over the read models and the raw streams. `projections`
 * is the application's ProjectionsModule (without a runner), which it shares.
 */
@Module({})
export class QueryModule {
  static forRoot(settings: Settings, projections: DynamicModule): DynamicModule {
    return {
      module: QueryModule,
      imports: [projections, ...READ_MODEL_ROUTES],
      controllers: [StreamsController, ProjectionsController],
      providers: [
        { provide: ApiKeys, useValue: ApiKeys.parse(settings.QUERY_API_KEYS) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: InvalidCursorFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        GetStreamEventsHandler,
        ...PROJECTION_HANDLERS,
      ],
    };
  }
}
