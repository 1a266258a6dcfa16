import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
} from 'typeorm';

/** The mark the event feed leaves on its transaction when it added deliveries. */
const DELIVERIES_ADDED = 'webhookDeliveriesAdded';

/** Called by the feed, in the transaction that added deliveries. */
export function markDeliveriesAdded(manager: EntityManager): void {
  const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
  if (data) data[DELIVERIES_ADDED] = true;
}

/**
 * Calls `onAdded` when a transaction of this process that added deliveries commits: the worker
 * starts a round at once instead of finding them at its next poll (`WEBHOOKS_POLL_MS`), which was
 * most of the event-to-delivery latency at a steady rate. Other instances still find them by
 * polling. (A NOTIFY per event would reach them too, but serialises every intake commit.)
 */
export function onCommitOfDeliveries(dataSource: DataSource, onAdded: () => void): void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(event: TransactionCommitEvent): void {
      const data = event.queryRunner.data as Record<string, unknown> | undefined;
      if (data?.[DELIVERIES_ADDED]) {
        data[DELIVERIES_ADDED] = false;
        onAdded();
      }
    },
  };
  dataSource.subscribers.push(subscriber);
}
