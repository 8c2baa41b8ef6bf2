import { IdFilter } from '../http/query-params.js';
import { ReadParams } from '../http/read-params.js';

export class FunnelParams extends ReadParams {
  @IdFilter({
    description: 'The funnel of this assessment; over all assessments when omitted',
    example: '6598e2b17c3a5d0011f2b9a4',
  })
  assessmentId?: string;
}
