import { Injectable } from '@nestjs/common';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import type { ClaimedDelivery } from '../deliveries/deliveries.repository';
import { OutcomeWriter, type Outcome } from './outcome-writer';
import type { AttemptResult } from './webhook-sender';

/** Outcomes written per transaction at most. */
const MAX_BATCH = 200;

export interface PendingOutcome extends Outcome {
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Records attempt outcomes. While the delivery worker runs, it takes the waiting outcomes into
 * its next claim round: one transaction writes them and claims the next deliveries, so a finished
 * send's slot is free in the same commit that records it (`attach`). Otherwise (worker stopping or
 * off) outcomes that arrive while a write is running wait and go together in the next transaction
 * (group commit): at high rates the commit, not the statements, is what costs.
 */
@Injectable()
export class OutcomeRecorder {
  private queue: PendingOutcome[] = [];
  private flushing = false;
  /** Called when an outcome waits: the worker's next round picks it up. */
  private round?: () => void;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly writer: OutcomeWriter,
  ) {}

  /** Resolves once the outcome is committed. */
  record(d: ClaimedDelivery, r: AttemptResult, random: number = Math.random()): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ d, r, random, resolve, reject });
      if (this.round) this.round();
      else if (!this.flushing) void this.flush();
    });
  }

  /** From now on the worker's rounds write the outcomes (`take`, then `settle` or `writeEach`). */
  attach(round: () => void): void {
    this.round = round;
  }

  /** Back to writing outcomes here (the worker stops): what waits is written now. */
  detach(): Promise<void> {
    this.round = undefined;
    return this.flushing ? Promise.resolve() : this.flush();
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** The next batch for a round to write in its transaction. */
  take(): PendingOutcome[] {
    return this.queue.splice(0, MAX_BATCH);
  }

  /** The round that wrote `batch` committed. */
  settle(batch: PendingOutcome[]): void {
    batch.forEach((p) => p.resolve());
  }

  /** One bad outcome must not sink the others: write them one by one. */
  async writeEach(batch: PendingOutcome[]): Promise<void> {
    for (const p of batch) {
      await this.deliveries.transaction((m) => this.writer.write([p], m)).then(p.resolve, p.reject);
    }
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        try {
          await this.deliveries.transaction((m) => this.writer.write(batch, m));
          this.settle(batch);
        } catch {
          await this.writeEach(batch);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
