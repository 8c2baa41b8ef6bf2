import { EventType } from '../../events/event-types.js';
import type { Assessment, Challenge } from '../../events/payloads.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import type { Delivery } from '../shared/delivery.js';
import { assessmentRow, challengeRow, embeddedChallenges, type Change } from './catalogue-rows.js';
import { CATALOGUE_TABLES } from './catalogue.tables.js';

type Tables = typeof CATALOGUE_TABLES;

function change({ event, receivedAt }: Delivery): Change {
  return {
    receivedAt,
    published:
      event.type === EventType.AssessmentPublished || event.type === EventType.ChallengePublished,
    destroyed:
      event.type === EventType.AssessmentDestroyed || event.type === EventType.ChallengeDestroyed,
  };
}

/** An assessment; the challenges it embeds only fill in challenges not known at all. */
const assessment: Handler<Tables, Assessment> = {
  needs: (_, data) => [
    ['catalogue_assessments', data.id],
    ...embeddedChallenges(data).map(({ id }) => ['catalogue_challenges', id] as const),
  ],
  evolve(delivery, data, rows) {
    const known = rows.get('catalogue_assessments', data.id);
    rows.put('catalogue_assessments', assessmentRow(known, data, change(delivery)));
    const embedded: Change = {
      receivedAt: delivery.receivedAt,
      published: false,
      destroyed: false,
    };
    for (const challenge of embeddedChallenges(data)) {
      if (rows.get('catalogue_challenges', challenge.id)) continue;
      rows.put('catalogue_challenges', challengeRow(undefined, challenge, embedded));
    }
  },
};

const challenge: Handler<Tables, Challenge> = {
  needs: (_, data) => [['catalogue_challenges', data.id]],
  evolve(delivery, data, rows) {
    const known = rows.get('catalogue_challenges', data.id);
    rows.put('catalogue_challenges', challengeRow(known, data, change(delivery)));
  },
};

/**
 * The assessments (soft-deleted ones kept and flagged) and challenges (removed when
 * destroyed). Neither payload carries a time, so deliveries apply in log order; only the
 * flags are one-way.
 */
export const catalogueProjection = defineReadModel({
  name: 'catalogue',
  version: 2,
  tables: CATALOGUE_TABLES,
  handlers: {
    ...onResource('Assessment', assessment),
    ...onResource('Challenge', challenge),
  },
});
