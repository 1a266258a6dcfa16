import { Logger } from '@nestjs/common';
import type { SecurityEventFeed } from '../events/event-feed';
import type { OwnerSnapshots } from './owner-snapshots';

/** Pause before retry n (1-based): 250 ms doubling, at most 10 s. */
const retryDelay = (attempt: number): number => Math.min(10_000, 250 * 2 ** (attempt - 1));

/**
 * Brings the gateway's views up to date at boot, in the order that loses nothing (ADR 0013):
 * the event feed first, so every change from now on is heard, then the owners' snapshots, which
 * hold everything from before. Until both are done, `isCaughtUp()` is false: `/health/ready`
 * says so and bearer requests get 503 (fail closed). An owner or broker that is down at boot is
 * retried with a growing pause.
 */
export class RevocationSync {
  private readonly logger = new Logger('RevocationSync');
  private snapshotsLoaded = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly feed: SecurityEventFeed,
    private readonly snapshots: OwnerSnapshots,
  ) {}

  /** Starts the feed synchronously (the in-process bus needs its group before it starts). */
  start(): void {
    this.startFeed(1);
  }

  isCaughtUp(): boolean {
    return this.snapshotsLoaded && this.feed.isCaughtUp();
  }

  /** Waits (polling cheaply) until caught up; false when `timeoutMs` passed first. */
  async waitCaughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isCaughtUp()) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.feed.stop();
  }

  private startFeed(attempt: number): void {
    this.feed.start().then(
      () => this.loadSnapshots(1),
      (e: unknown) =>
        this.later('security event feed', attempt, e, () => this.startFeed(attempt + 1)),
    );
  }

  private loadSnapshots(attempt: number): void {
    this.snapshots.load().then(
      () => {
        this.snapshotsLoaded = true;
      },
      (e: unknown) =>
        this.later('revocation snapshots', attempt, e, () => this.loadSnapshots(attempt + 1)),
    );
  }

  private later(what: string, attempt: number, e: unknown, again: () => void): void {
    if (this.stopped) return;
    const delay = retryDelay(attempt);
    this.logger.warn(`${what} failed (retry in ${delay} ms): ${(e as Error).message}`);
    this.retry = setTimeout(again, delay);
  }
}
