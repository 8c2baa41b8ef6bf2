import { ApiProperty } from '@nestjs/swagger';
import type { TimelineEntryView } from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import type { EntryKind } from '../../projections/candidate-timeline/candidate-timeline.tables.js';
import { ApiNullableText, ApiText, ApiTime } from '../http/api-fields.js';

const KINDS: EntryKind[] = ['transition', 'late', 'label_added', 'label_removed', 'review'];

export class TimelineEntryResponse implements TimelineEntryView {
  @ApiProperty({ example: 3, description: "The entry's place in the timeline, from 1" })
  seq!: number;

  @ApiProperty({
    enum: KINDS,
    example: 'transition',
    description:
      '`transition`: the state changed. `late`: an older delivery arrived after newer ones and changed nothing. `label_added`, `label_removed`, `review`: what the names say',
  })
  kind!: EntryKind;

  @ApiNullableText('started', 'Transitions and late deliveries: the state reported before')
  from!: string | null;

  @ApiNullableText('submitted', 'Transitions and late deliveries: the state reported')
  to!: string | null;

  @ApiNullableText(
    null,
    'A gap: the last known state, when the transition reports another one to start from (a delivery went missing)',
  )
  expected!: string | null;

  @ApiNullableText(null, 'Label entries: the label')
  label!: string | null;

  @ApiNullableText('65a1f4087c3a5d0011f3d2c8', 'The assessment result the delivery was about')
  resultId!: string | null;

  @ApiNullableText(null, 'Review entries: the review')
  reviewId!: string | null;

  @ApiNullableText(null, "Review entries: the review's state")
  reviewState!: string | null;

  @ApiTime('2024-01-13T09:47:32.480Z', 'When the delivery was received')
  at!: string;

  @ApiText('3f1c9a52-8d7e-4b0a-9c61-2e5d8f4a7b13', 'The stored event (see /streams)')
  eventId!: string;

  @ApiText('assessment_result_submitted')
  eventType!: string;

  @ApiText('assessment_result.submitted', 'The event name as the sender spelled it')
  eventName!: string;
}
