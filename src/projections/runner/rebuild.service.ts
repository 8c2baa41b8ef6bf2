import { Inject, Injectable, Optional } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import type { Projection } from '../projection.js';
import { PROJECTIONS } from './projections.token.js';
import { ProjectionRunner } from './projection-runner.js';
import { pickProjections } from './projection-names.js';
import { prepareRebuild } from './shadow-tables.js';

/**
 * Asks for rebuilds from any process sharing the read store: the request is the rebuild's
 * bookkeeping and empty shadow tables, which the projector picks up and fills.
 */
@Injectable()
export class RebuildService {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Optional() private readonly runner?: ProjectionRunner,
  ) {}

  /**
   * Rebuilds one projection, or all; a rebuild already under way goes on. Returns the names
   * of the projections being rebuilt. The projector starts at once when it runs in this
   * application, else within a second.
   */
  async request(name?: string): Promise<string[]> {
    const chosen = pickProjections(this.projections, name === undefined ? undefined : [name]);
    for (const projection of chosen) await prepareRebuild(this.readStore, projection, new Date());
    await this.runner?.pickUpRebuilds();
    return chosen.map((projection) => projection.name);
  }
}
