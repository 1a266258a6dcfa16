import type { EventEnvelope } from '@platform/contracts';
import type { OutgoingEvent } from '../transport';

/** Hands one event to one consumer group; resolves once the group processed or dead-lettered it. */
export type BusDelivery = (topic: string, event: EventEnvelope<unknown>) => Promise<void>;

interface BusGroup {
  types: Set<string>;
  deliver: BusDelivery;
}

/** How many aggregates are delivered at once; one aggregate's events are always one at a time. */
const PARALLEL_SUBJECTS = 8;

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

  register(group: string, types: string[], deliver: BusDelivery): void {
    this.groups.set(group, { types: new Set(types), deliver });
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

  /** Delivers in order per subject; throws (after the others finished) if any delivery failed. */
  async publish(events: OutgoingEvent[]): Promise<void> {
    if (!this.started) throw new Error('in-process bus: publish before start()');
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
        await this.deliverLane(lane).catch((e: unknown) => failures.push(e));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SUBJECTS, queue.length) }, worker));
    if (failures.length > 0) throw failures[0];
  }

  /** One subject's events, strictly one after another; stops at the first failure. */
  private async deliverLane(lane: OutgoingEvent[]): Promise<void> {
    for (const event of lane) {
      const { topic, ...envelope } = event;
      const targets = [...this.groups.values()].filter((g) => g.types.has(event.type));
      // Wait for every group even when one fails, so no delivery is still running when the
      // relay retries the batch.
      const results = await Promise.allSettled(targets.map((g) => g.deliver(topic, envelope)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }
}
