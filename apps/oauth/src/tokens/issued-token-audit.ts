import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { TokenIssued, TokenIssuedPayload } from '@platform/contracts';
import { draft, EventDraft, OutboxPublisher } from '@platform/messaging';
import { traceparentOf } from '@platform/observability';
import { TransactionalRepository } from '../shared/transactional.repository';

const FLUSH_EVERY_MS = 200;
const MAX_BATCH = 500;

/**
 * `token.issued` for grants that change nothing in the database (client credentials, implicit):
 * buffered and written to the outbox in batches, at least every 200 ms (spec §7 allows batches
 * written within a second). Waiting for a commit per token would cap issuance at the disk's
 * fsync rate; the trade-off is that a crash loses at most the last 200 ms of these audit records
 * (the tokens themselves are stateless JWTs, so nothing else is lost). Grants that do write
 * (codes, refresh tokens) keep the event in their own transaction.
 */
@Injectable()
export class IssuedTokenAudit implements OnModuleDestroy {
  private readonly logger = new Logger(IssuedTokenAudit.name);
  private buffer: EventDraft[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(TransactionalRepository) private readonly transactions: TransactionalRepository,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
  ) {}

  /**
   * Buffers the record, stamped now: its time is when the token was issued (`issuedAt`) and its
   * trace the request's, not the flush's up to 200 ms later on a timer.
   */
  record(data: TokenIssuedPayload, issuedAt: Date = new Date()): void {
    // Keyed by client: one client's issuance records stay in order.
    const traceparent = traceparentOf();
    this.buffer.push(
      draft(TokenIssued, data.clientId, data, {
        time: issuedAt,
        ...(traceparent ? { traceparent } : {}),
      }),
    );
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Writes what is buffered; batches are written one after the other. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing
      .then(() => this.transactions.transaction((m) => this.outbox.add(m, ...batch)))
      .catch((e: unknown) =>
        this.logger.error({ err: e, lost: batch.length }, 'token.issued batch not written'),
      );
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
