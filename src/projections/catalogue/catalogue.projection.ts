import { EventType } from '../../events/event-types.js';
import type { Assessment, Challenge } from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import { firstDelivery, type Delivery } from '../shared/delivery.js';
import { valuesOf } from '../shared/sql.js';
import { assessmentRow, challengeRow, embeddedChallenges, type Change } from './catalogue-rows.js';
import {
  ASSESSMENT_COLUMNS,
  CATALOGUE_TABLES,
  catalogueSchema,
  CHALLENGE_COLUMNS,
  insertEmbeddedChallengeSql,
  selectAssessmentSql,
  selectChallengeSql,
  upsertAssessmentSql,
  upsertChallengeSql,
  type AssessmentRow,
  type CatalogueTable,
  type ChallengeRow,
} from './catalogue.tables.js';

type Tables = TableNames<CatalogueTable>;

/**
 * The assessments (soft-deleted ones kept and flagged) and challenges (removed when
 * destroyed). Idempotent through the table of applied deliveries. Neither payload carries
 * a time, so deliveries apply in log order; only the flags are one-way.
 */
export const catalogueProjection: Projection<CatalogueTable> = {
  name: 'catalogue',
  version: 1,
  eventTypes: [
    EventType.AssessmentCreated,
    EventType.AssessmentUpdated,
    EventType.AssessmentPublished,
    EventType.AssessmentDestroyed,
    EventType.ChallengeCreated,
    EventType.ChallengeUpdated,
    EventType.ChallengePublished,
    EventType.ChallengeDestroyed,
  ],
  tables: CATALOGUE_TABLES,
  schema: catalogueSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.catalogue_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.AssessmentCreated:
      case EventType.AssessmentUpdated:
      case EventType.AssessmentPublished:
      case EventType.AssessmentDestroyed:
        return applyAssessment(tx, t, event.data, change(delivery));
      case EventType.ChallengeCreated:
      case EventType.ChallengeUpdated:
      case EventType.ChallengePublished:
      case EventType.ChallengeDestroyed:
        return applyChallenge(tx, t, event.data, change(delivery));
    }
  },
};

function change({ event, receivedAt }: Delivery): Change {
  return {
    receivedAt,
    published:
      event.type === EventType.AssessmentPublished || event.type === EventType.ChallengePublished,
    destroyed:
      event.type === EventType.AssessmentDestroyed || event.type === EventType.ChallengeDestroyed,
  };
}

async function applyAssessment(tx: SqlExecutor, t: Tables, data: Assessment, change: Change) {
  const [known] = await tx.query<AssessmentRow>(selectAssessmentSql(t), [data.id]);
  const row = assessmentRow(known, data, change);
  await tx.execute(upsertAssessmentSql(t), valuesOf(row, ASSESSMENT_COLUMNS));
  const embedded: Change = { receivedAt: change.receivedAt, published: false, destroyed: false };
  for (const challenge of embeddedChallenges(data)) {
    const filled = challengeRow(undefined, challenge, embedded);
    await tx.execute(insertEmbeddedChallengeSql(t), valuesOf(filled, CHALLENGE_COLUMNS));
  }
}

async function applyChallenge(tx: SqlExecutor, t: Tables, data: Challenge, change: Change) {
  const [known] = await tx.query<ChallengeRow>(selectChallengeSql(t), [data.id]);
  const row = challengeRow(known, data, change);
  await tx.execute(upsertChallengeSql(t), valuesOf(row, CHALLENGE_COLUMNS));
}
