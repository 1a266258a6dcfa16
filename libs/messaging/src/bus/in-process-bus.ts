import type { EventEnvelope } from '@platform/contracts';
import type { OutgoingEvent } from '../transport';

/** Hands one event to one consumer group; resolves once the group processed or dead-lettered it. */
export type BusDelivery = (topic: string, event: EventEnvelope<unknown>) => Promise<void>;

/**
 * A group that can take several events at once (its handlers are `@OnEventBatch`): `batchable`
 * says which events, `deliver` takes consecutive ones (in publish order) and resolves once the
 * group processed or dead-lettered all of them.
 */
export interface BusBatchDelivery {
  batchable: (event: EventEnvelope<unknown>) => boolean;
  deliver: (events: OutgoingEvent[]) => Promise<void>;
}

interface BusGroup {
  types: Set<string>;
  deliver: BusDelivery;
  batch?: BusBatchDelivery;
}

/** How many aggregates are delivered at once; one aggregate's events are always one at a time. */
const PARALLEL_SUBJECTS = 8;

/** The most events a batch-taking group is handed at once (one transaction). */
const MAX_BATCH = 100;

/**
 * The event transport of the single-process mode (`npm start`). Each app registers its consumer
 * group while it boots; nothing is delivered before `start()`, so no group misses an event
 * because it booted later. `publish` resolves only when EVERY group subscribed to an event's type
 * has processed it (each in its own database, through its inbox), which is when the publishing
 * relay marks its outbox row published: a crash before that redelivers, and inboxes dedupe.
 */
export class InProcessBus {
  private readonly groups = new Map<string, BusGroup>();
  private started = false;

  register(group: string, types: string[], deliver: BusDelivery, batch?: BusBatchDelivery): void {
    this.groups.set(group, { types: new Set(types), deliver, batch });
  }

  unregister(group: string): void {
    this.groups.delete(group);
  }

  async start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /**
   * Delivers to every group at once (each in its own database), in order per subject within a
   * group; throws (after every group finished) if any delivery failed. A group that takes batches
   * gets them in publish order, `MAX_BATCH` at a time, when it can take every event of this
   * publication that way; otherwise (and always for other groups) its events go one at a time,
   * up to `PARALLEL_SUBJECTS` subjects in parallel.
   */
  async publish(events: OutgoingEvent[]): Promise<void> {
    if (!this.started) throw new Error('in-process bus: publish before start()');
    // Wait for every group even when one fails, so no delivery is still running when the relay
    // retries the batch.
    const results = await Promise.allSettled(
      [...this.groups.values()].map((g) =>
        this.deliverTo(
          g,
          events.filter((e) => g.types.has(e.type)),
        ),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async deliverTo(group: BusGroup, events: OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = group.batch;
    if (batch && events.every((e) => batch.batchable(e))) {
      for (let i = 0; i < events.length; i += MAX_BATCH)
        await batch.deliver(events.slice(i, i + MAX_BATCH));
      return;
    }
    const lanes = new Map<string, OutgoingEvent[]>();
    for (const event of events) {
      const lane = lanes.get(event.subject) ?? [];
      lane.push(event);
      lanes.set(event.subject, lane);
    }
    const queue = [...lanes.values()];
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        await deliverLane(group, lane).catch((e: unknown) => failures.push(e));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SUBJECTS, queue.length) }, worker));
    if (failures.length > 0) throw failures[0];
  }
}

/** One subject's events to one group, strictly one after another; stops at the first failure. */
async function deliverLane(group: BusGroup, lane: OutgoingEvent[]): Promise<void> {
  for (const event of lane) {
    const { topic, ...envelope } = event;
    await group.deliver(topic, envelope);
  }
}
