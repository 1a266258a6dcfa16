import { Logger } from '@nestjs/common';
import type { Consumer } from 'kafkajs';

/** When a consumer counts as stuck and how its replacement is paced. */
export interface ConsumerRecovery {
  checkEveryMs: number;
  stallAfterMs: number;
  disconnectTimeoutMs: number;
  maxBackoffMs: number;
}

/**
 * A healthy consumer starts a fetch at least every `maxWaitTimeInMs` (≤ 30 s) plus the broker's
 * answer time, and kafkajs retries a failing broker for about 30 s before it gives up: 60 s
 * without a fetch or a handled message is past both.
 */
export const DEFAULT_RECOVERY: ConsumerRecovery = {
  checkEveryMs: 5_000,
  stallAfterMs: 60_000,
  disconnectTimeoutMs: 10_000,
  maxBackoffMs: 30_000,
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Keeps a kafkajs consumer running. kafkajs restarts a consumer itself after retriable errors,
 * but after any other one (seen after a 30 s broker outage: `UNKNOWN_MEMBER_ID`, "the
 * coordinator is not aware of this member") it stops for good, and it has been seen to stop
 * fetching without crashing. Either way the supervisor disconnects it and runs a new one made by
 * `create`, retrying with a growing pause while the broker is away.
 */
export class ConsumerSupervisor {
  private readonly logger = new Logger('messaging');
  private consumer: Consumer;
  private stopped = false;
  private restarting?: Promise<void>;
  private watchdog?: NodeJS.Timeout;
  /** Last sign of life: a fetch started or the owner reported progress. */
  private lastProgress = Date.now();

  constructor(
    private readonly name: string,
    private readonly create: () => Consumer,
    /** Connects, subscribes and runs the given consumer (each run gets a fresh one). */
    private readonly run: (consumer: Consumer) => Promise<void>,
    private readonly recovery: ConsumerRecovery = DEFAULT_RECOVERY,
  ) {
    this.consumer = this.supervised();
  }

  async start(): Promise<void> {
    await this.run(this.consumer);
    this.watchdog = setInterval(() => this.checkStalled(), this.recovery.checkEveryMs);
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    await this.restarting;
    await this.consumer.disconnect();
  }

  /** Tells the watchdog the consumer is alive (e.g. a message was handled in a long batch). */
  progress(): void {
    this.lastProgress = Date.now();
  }

  private supervised(): Consumer {
    const consumer = this.create();
    consumer.on(consumer.events.FETCH_START, () => {
      if (consumer === this.consumer) this.progress();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (consumer !== this.consumer || event.payload.restart) return;
      this.replace(`crashed: ${event.payload.error.message}`);
    });
    return consumer;
  }

  private checkStalled(): void {
    const idle = Date.now() - this.lastProgress;
    if (idle > this.recovery.stallAfterMs) this.replace(`no fetch for ${idle} ms`);
  }

  private replace(reason: string): void {
    if (this.stopped || this.restarting) return;
    this.logger.warn(`${this.name}: consumer ${reason}; starting a new one`);
    const old = this.consumer;
    const { disconnectTimeoutMs, maxBackoffMs } = this.recovery;
    this.restarting = (async () => {
      await withTimeout(old.disconnect(), disconnectTimeoutMs).catch(() => undefined);
      for (let attempt = 1; !this.stopped; attempt++) {
        const next = this.supervised();
        this.consumer = next;
        this.progress();
        try {
          await this.run(next);
          this.logger.log(`${this.name}: consuming again`);
          return;
        } catch (e) {
          const delay = Math.min(maxBackoffMs, 1_000 * attempt);
          this.logger.warn(
            `${this.name}: restart failed (${(e as Error).message}); retrying in ${delay} ms`,
          );
          await withTimeout(next.disconnect(), disconnectTimeoutMs).catch(() => undefined);
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })().finally(() => {
      this.restarting = undefined;
      this.progress();
    });
  }
}
