import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClaimedDelivery } from './delivery-claimer';
import { OutcomeWriter, type Outcome } from './outcome-writer';
import type { AttemptResult } from './webhook-sender';

/** Outcomes written per transaction at most. */
const MAX_BATCH = 200;

interface Pending extends Outcome {
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Records attempt outcomes. Outcomes that arrive while a write is running wait and go together in
 * the next transaction (group commit): at high rates the commit, not the statements, is what costs.
 */
@Injectable()
export class OutcomeRecorder {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OutcomeWriter,
  ) {}

  /** Resolves once the outcome is committed. */
  record(d: ClaimedDelivery, r: AttemptResult, random: number = Math.random()): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ d, r, random, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.dataSource.transaction((m) => this.writer.write(m, batch));
          batch.forEach((p) => p.resolve());
        } catch {
          // One bad outcome must not sink the others: write them one by one.
          for (const p of batch) {
            await this.dataSource
              .transaction((m) => this.writer.write(m, [p]))
              .then(p.resolve, p.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
