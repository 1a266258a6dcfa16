import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppMetrics, inSpanOf } from '@platform/observability';
import type { Span } from '@opentelemetry/api';
import { Clock } from '@platform/http';
import { WebhooksEnv } from '../config';
import { DeliveriesRepository, type ClaimedDelivery } from '../deliveries/deliveries.repository';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { DeliveryClaimer } from './delivery-claimer';
import { attemptOutcome, DeliveryMetrics, deliverySpan } from './delivery-telemetry';
import { OutcomeRecorder, type PendingOutcome } from './outcome-recorder';
import { OutcomeWriter } from './outcome-writer';
import { WebhookSender } from './webhook-sender';

/** Coalesces the kicks of sends that finish together into one claim round. */
const KICK_DELAY_MS = 2;

/**
 * The sending loop of one instance: every poll it claims as many due deliveries as it has free
 * slots (WEBHOOKS_CONCURRENCY) and sends them concurrently; each finished send frees its slot at
 * once. A slow receiver only ever holds its own subscription's in-flight slots. A round is one
 * transaction that records the outcomes of the sends finished since the last round and claims
 * the next deliveries: a handful of statements and one commit, whatever the batch size, and the
 * recorded sends' slots (and their subscriptions' in-flight room) are free in that same round.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('webhooks');
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private kicked = false;
  private stopped = false;
  private readonly metrics: DeliveryMetrics;

  constructor(
    private readonly env: WebhooksEnv,
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly claimer: DeliveryClaimer,
    private readonly sender: WebhookSender,
    private readonly recorder: OutcomeRecorder,
    private readonly writer: OutcomeWriter,
    private readonly clock: Clock,
    metrics: AppMetrics,
  ) {
    this.metrics = new DeliveryMetrics(metrics, subscriptions, deliveries);
  }

  onApplicationBootstrap(): void {
    if (!this.env.workerEnabled) return;
    this.recorder.attach(() => this.kick());
    this.deliveries.onCommitOfAdded(() => this.kick());
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // No more rounds: the sends still running record their outcomes by themselves.
    await this.recorder.detach();
    await Promise.allSettled([...this.running]);
  }

  /** Runs one round now (tests; also after a send frees a slot while work is waiting). */
  async poll(): Promise<number> {
    if (this.polling || this.stopped) return 0;
    this.polling = true;
    try {
      const outcomes = this.recorder.take();
      // The sends whose outcomes this round records are done: their slots count as free.
      const free = this.env.WEBHOOKS_CONCURRENCY - this.running.size + outcomes.length;
      const claimed = await this.round(outcomes, free);
      if (claimed.length > 0) await this.start(claimed);
      return claimed.length;
    } finally {
      this.polling = false;
    }
  }

  private async round(outcomes: PendingOutcome[], free: number): Promise<ClaimedDelivery[]> {
    const maxInFlight = this.env.WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION;
    try {
      // One transaction without waiting for the WAL flush (DeliveriesRepository.round).
      const claimed = await this.deliveries.round(async (m) => {
        if (outcomes.length > 0) await this.writer.write(outcomes, m);
        return this.claimer.claimIn(this.clock.now(), free, maxInFlight, m);
      });
      this.recorder.settle(outcomes);
      return claimed;
    } catch (e) {
      // Whatever failed, the outcomes still get written (one bad one must not sink the others).
      if (outcomes.length > 0) await this.recorder.writeEach(outcomes);
      throw e;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** A finished send freed a slot (and maybe its subscription's in-flight room): look again soon. */
  private kick(): void {
    if (this.polling)
      this.kicked = true; // picked up when the running round ends
    else this.schedule(KICK_DELAY_MS);
  }

  private async tick(): Promise<void> {
    let claimed = 0;
    try {
      claimed = await this.poll();
    } catch (e) {
      this.logger.error(
        `claiming deliveries failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    // A full round suggests more is due: go again at once instead of waiting a poll interval;
    // so do outcomes waiting to be recorded, whatever the free slots.
    const free = this.env.WEBHOOKS_CONCURRENCY - this.running.size;
    const again = ((claimed > 0 || this.kicked) && free > 0) || this.recorder.waiting > 0;
    this.kicked = false;
    this.schedule(again ? 0 : this.env.WEBHOOKS_POLL_MS);
  }

  private async start(claimed: ClaimedDelivery[]): Promise<void> {
    const ids = [...new Set(claimed.map((c) => c.subscriptionId))];
    const subscriptions = await this.subscriptions.findByIds(ids);
    const byId = new Map(subscriptions.map((s) => [s.id, s]));
    for (const delivery of claimed) {
      const s = byId.get(delivery.subscriptionId);
      if (!s) continue; // deleted meanwhile: its deliveries went with it
      const task = this.deliver(s, delivery).finally(() => {
        this.running.delete(task);
        this.kick();
      });
      this.running.add(task);
    }
  }

  /** A delivery of a traced event continues its trace: the POST is a child of this span. */
  private deliver(s: SubscriptionEntity, delivery: ClaimedDelivery): Promise<void> {
    const name = `webhook deliver ${delivery.eventType}`;
    return inSpanOf(delivery.traceparent, name, deliverySpan(s, delivery), (span) =>
      this.attempt(s, delivery, span),
    );
  }

  private async attempt(
    s: SubscriptionEntity,
    delivery: ClaimedDelivery,
    span?: Span,
  ): Promise<void> {
    try {
      const result = await this.sender.send(s, delivery);
      this.metrics.attempted(result);
      span?.setAttribute('webhook.outcome', attemptOutcome(result));
      await this.recorder.record(delivery, result);
    } catch (e) {
      // The lease runs out and the delivery is claimed again: nothing is lost, at worst resent.
      this.logger.error(`delivery ${delivery.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
