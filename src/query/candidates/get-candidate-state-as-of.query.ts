import { Query } from '@nestjs/cqrs';

export interface CandidateStateAsOf {
  id: string;
  /** The time asked for, in UTC. */
  asOf: string;
  /** Null when no transition had been received by then. */
  state: string | null;
  since: string | null;
  eventId: string | null;
}

/** A candidate's state at a past time, from its timeline; undefined for an unknown id. */
export class GetCandidateStateAsOfQuery extends Query<CandidateStateAsOf | undefined> {
  constructor(
    readonly id: string,
    readonly asOf: string,
  ) {
    super();
  }
}
