import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  SecurityDecision,
  type EventEnvelope,
  type SecurityDecisionPayload,
} from '@platform/contracts';

/**
 * Batches are written at least this often: the window a crash can lose (spec §7 allows the
 * audit "within a second").
 */
export const FLUSH_EVERY_MS = 200;
const MAX_BATCH = 500;
/** Beyond this backlog (the database or broker is down) the oldest records are dropped, and counted. */
export const MAX_QUEUE = 20_000;

export type SecurityEvent = EventEnvelope<SecurityDecisionPayload>;
export type SendBatch = (events: SecurityEvent[]) => Promise<void>;

/**
 * Records the gateway's refusals as `security.decision` events, off the request path: a refusal
 * never waits for a write. Records are queued in memory and handed over every FLUSH_EVERY_MS
 * in batches of at most MAX_BATCH: with a database (`outbox`, ADR 0013) into the gateway's
 * outbox in one transaction per batch, so a crash loses at most the records of the last
 * interval; without one (`direct`, development) straight to the broker or bus, so a crash loses
 * everything still queued. An outage longer than MAX_QUEUE records drops the oldest, counted.
 */
export class SecurityAudit {
  private readonly logger = new Logger('SecurityAudit');
  private queue: SecurityEvent[] = [];
  private dropped = 0;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly send: SendBatch | undefined,
    private readonly mode: 'outbox' | 'direct' = 'direct',
  ) {}

  start(): void {
    if (!this.send) {
      this.logger.warn('no broker and no bus: security decisions are only logged');
      return;
    }
    if (this.mode === 'direct') {
      this.logger.warn(
        'no DATABASE_URL: refusals are queued in memory only; a crash loses those not yet sent',
      );
    }
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  record(decision: SecurityDecisionPayload): void {
    const event: SecurityEvent = {
      id: randomUUID(),
      type: SecurityDecision.type,
      source: 'gateway',
      time: new Date().toISOString(),
      subject: decision.actorClient ?? decision.ip ?? 'anonymous',
      data: decision,
    };
    if (!this.send) {
      this.logger.log({ securityDecision: decision }, 'security decision');
      return;
    }
    this.queue.push(event);
    if (this.queue.length > MAX_QUEUE) {
      this.dropped += this.queue.length - MAX_QUEUE;
      this.queue.splice(0, this.queue.length - MAX_QUEUE);
    }
  }

  /** Sends what is queued (one flush at a time); a failed batch goes back to the queue's head. */
  flush(): Promise<void> {
    this.flushing ??= this.sendQueued().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private async sendQueued(): Promise<void> {
    while (this.send && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.send(batch);
      } catch (e) {
        this.queue.unshift(...batch);
        this.logger.warn(
          `security decisions not sent yet (${this.queue.length} queued): ${(e as Error).message}`,
        );
        return;
      }
    }
    if (this.dropped > 0) {
      this.logger.error(
        `${this.dropped} security decisions were dropped while the broker was unavailable`,
      );
      this.dropped = 0;
    }
  }
}
