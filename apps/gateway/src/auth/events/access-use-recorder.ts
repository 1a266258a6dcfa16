import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ACCESS_USES_PER_EVENT,
  AccessUsed,
  type AccessUse,
  type AccessUsedPayload,
  type EventEnvelope,
} from '@platform/contracts';

/** An access is noted at most this often: `lastActivityAt` is "last used", to the minute. */
export const NOTE_EVERY_MS = 60_000;
/** Noted uses are handed over this often, in one write: the rest of the lag. */
export const FLUSH_EVERY_MS = 10_000;
/** Beyond this many unsent accesses (the database is down) no new one is noted, and that is counted. */
const MAX_PENDING = 50_000;

export type AccessUseEvent = EventEnvelope<AccessUsedPayload>;
export type SendAccessUses = (events: AccessUseEvent[]) => Promise<void>;

/**
 * Which `User-Access` ids the gateway let through, for the access list's `lastActivityAt`
 * (`002_*` "últimas atividades"), kept off the request path: a request only looks its access up
 * in a map and, at most once a minute per access, notes the time. Every FLUSH_EVERY_MS the noted
 * uses go out as `access.used` events of up to 500 uses each, written in one transaction (the
 * gateway's outbox), which authorizations applies in one statement per event. So the value lags
 * the real last use by at most NOTE_EVERY_MS + FLUSH_EVERY_MS plus delivery; a crash loses the
 * uses of the last interval, which the next use a minute later makes up for.
 */
export class AccessUseRecorder {
  private readonly logger = new Logger('AccessUseRecorder');
  /** access id → when it was last noted. */
  private readonly noted = new Map<string, number>();
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private dropped = 0;
  private readonly source = `gateway-${randomUUID()}`;

  constructor(private readonly send: SendAccessUses | undefined) {}

  /** On the request path: two map operations at most, a write only once a minute per access. */
  note(accessId: string, nowMs: number): void {
    const last = this.noted.get(accessId);
    if (last !== undefined && nowMs - last < NOTE_EVERY_MS) return;
    this.noted.set(accessId, nowMs);
    if (this.pending.size < MAX_PENDING) this.pending.set(accessId, nowMs);
    else this.dropped++;
  }

  start(): void {
    if (!this.send) return;
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Sends what was noted (one flush at a time); a failed batch is noted again for the next one. */
  flush(): Promise<void> {
    this.flushing ??= this.sendPending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async sendPending(): Promise<void> {
    this.forgetOlderThan(Date.now() - NOTE_EVERY_MS);
    if (this.dropped > 0) {
      this.logger.error(`${this.dropped} access uses were not noted: too many waiting to be sent`);
      this.dropped = 0;
    }
    if (!this.send || this.pending.size === 0) return;
    const uses = [...this.pending].map(([id, ms]): AccessUse => ({
      id,
      at: new Date(ms).toISOString(),
    }));
    this.pending = new Map();
    const events: AccessUseEvent[] = [];
    for (let i = 0; i < uses.length; i += ACCESS_USES_PER_EVENT) {
      events.push(this.eventOf(uses.slice(i, i + ACCESS_USES_PER_EVENT)));
    }
    try {
      await this.send(events);
    } catch (e) {
      for (const u of uses) if (!this.pending.has(u.id)) this.pending.set(u.id, Date.parse(u.at));
      this.logger.warn(`access uses not sent yet (${uses.length}): ${(e as Error).message}`);
    }
  }

  /** Accesses not used for a minute need no memory: their next use is noted anyway. */
  private forgetOlderThan(ms: number): void {
    for (const [id, at] of this.noted) if (at < ms) this.noted.delete(id);
  }

  private eventOf(uses: AccessUse[]): AccessUseEvent {
    return {
      id: randomUUID(),
      type: AccessUsed.type,
      source: 'gateway',
      time: new Date().toISOString(),
      subject: this.source,
      data: { uses },
    };
  }
}
