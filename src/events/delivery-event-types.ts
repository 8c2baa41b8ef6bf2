/**
 * Events the ledger writes for deliveries it cannot file under a Qualified resource, so
 * that nothing sent is lost and a later version can replay them.
 */
export const DeliveryEventType = {
  /** A body that was not JSON, not a webhook envelope, or whose data failed validation. */
  Rejected: 'delivery_rejected',
  /** A well-formed webhook whose event name this version does not know. */
  Unrecognised: 'delivery_unrecognised',
} as const;

export type DeliveryEventType = (typeof DeliveryEventType)[keyof typeof DeliveryEventType];

export const REJECTED_DELIVERIES_STREAM = 'rejectedDeliveries';
export const UNRECOGNISED_EVENTS_STREAM = 'unrecognisedEvents';
