import type { EntityManager } from 'typeorm';

/** The mark the event feed leaves on its transaction when it added deliveries. */
export const DELIVERIES_ADDED = 'webhookDeliveriesAdded';

/** Called by the feed, in the transaction that added deliveries. */
export function markDeliveriesAdded(manager: EntityManager): void {
  const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
  if (data) data[DELIVERIES_ADDED] = true;
}
