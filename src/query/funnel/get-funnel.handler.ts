import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getFunnel, type FunnelView } from '../../projections/funnel/funnel.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { GetFunnelQuery } from './get-funnel.query.js';

@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ assessmentId }: GetFunnelQuery): Promise<FunnelView> {
    return getFunnel(this.db, assessmentId);
  }
}
