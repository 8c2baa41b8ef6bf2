import { Module } from '@nestjs/common';
import { FunnelController } from './funnel.controller.js';
import { GetFunnelHandler } from './get-funnel.handler.js';

/** GET /stats/funnel, over the funnel read model. */
@Module({ controllers: [FunnelController], providers: [GetFunnelHandler] })
export class FunnelModule {}
