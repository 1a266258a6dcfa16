import type { EventDefinition, EventEnvelope } from '@platform/contracts';
import { draft, type OutboxPublisher } from '@platform/messaging';
import type { DataSource } from 'typeorm';

/**
 * The gateway's only database writes (its repository): a batch of refusals into the gateway's outbox in one transaction (ADR 0013); the relay
 * publishes them like any other event, after a crash too. One write per batch, never one per
 * refused request: a flood of bad tokens must not become a flood of commits.
 */
export function outboxSender<T extends object>(
  db: DataSource,
  outbox: OutboxPublisher,
  definition: EventDefinition<T>,
): (events: EventEnvelope<T>[]) => Promise<void> {
  return (events) =>
    db.transaction((m) =>
      outbox.add(
        m,
        ...events.map((e) =>
          draft(definition, e.subject, e.data, { id: e.id, time: new Date(e.time) }),
        ),
      ),
    );
}
