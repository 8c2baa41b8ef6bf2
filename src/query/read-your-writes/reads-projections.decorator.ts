import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';

export const READS_PROJECTIONS = 'ledger:reads-projections';

/**
 * Names the projections a route reads, so that `minPosition` waits for those only and the
 * X-Projection-Position header reports them.
 */
export function ReadsProjections(...names: string[]) {
  return applyDecorators(
    SetMetadata(READS_PROJECTIONS, names),
    ApiQuery({
      name: 'minPosition',
      required: false,
      description:
        'Read your writes: wait until the answer includes the event at this log position (the `position` ingest answered)',
      example: '1234',
    }),
    ApiHeader({ name: 'X-Min-Position', required: false, description: 'Same as minPosition' }),
  );
}
