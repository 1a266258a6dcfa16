import type { SecurityProjections } from '../projections/security-projections';
import type { RevokedBecause } from '../projections/revocation-view';
import type { VerifiedToken } from '../tokens/access-token-verifier';

/** Why the gateway ended a long-lived response. */
export type StreamEndReason =
  RevokedBecause | 'access_revoked' | 'license_inactive' | 'token_expired' | 'shutting_down';

/** A long-lived response (an SSE stream) and the credentials it was opened with. */
export interface WatchedStream {
  token: VerifiedToken;
  /** The `User-Access` it was opened in, if any. */
  accessId?: string;
  end(reason: StreamEndReason): void;
}

/** setTimeout's longest delay (about 24.8 days); client tokens live for years. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  stream: WatchedStream;
  timer?: NodeJS.Timeout;
}

/**
 * The open long-lived responses (ADR 0013). An authentication holds for a whole stream, not only
 * for its first byte: every change of the revocation and access views rechecks each open
 * stream, and a timer ends it when its token expires. Ending removes it from the registry.
 */
export class OpenStreams {
  private readonly open = new Set<Entry>();

  constructor(private readonly projections: SecurityProjections) {
    projections.onChange(() => this.recheck());
  }

  /** Watches `stream` until it ends; returns the way to stop watching (when it closed anyway). */
  add(stream: WatchedStream): () => void {
    const entry: Entry = { stream };
    this.open.add(entry);
    this.armExpiry(entry);
    const why = this.reasonToEnd(stream);
    if (why) this.end(entry, why);
    return () => this.forget(entry);
  }

  /** At shutdown: an event stream never ends by itself, and would hold the server open. */
  endAll(reason: StreamEndReason): void {
    for (const entry of this.open) this.end(entry, reason);
  }

  get size(): number {
    return this.open.size;
  }

  private recheck(): void {
    for (const entry of this.open) {
      const why = this.reasonToEnd(entry.stream);
      if (why) this.end(entry, why);
    }
  }

  private reasonToEnd({ token, accessId }: WatchedStream): StreamEndReason | undefined {
    const revoked = this.projections.revocations.check(token);
    if (revoked) return revoked;
    if (accessId && !this.projections.accesses.contextFor(accessId, token.userId)) {
      return 'access_revoked';
    }
    const now = Date.now();
    if (this.projections.licenses.check(token.clientId, now)) return 'license_inactive';
    if (token.expiresAtMs <= now) return 'token_expired';
    return undefined;
  }

  private armExpiry(entry: Entry): void {
    const delay = entry.stream.token.expiresAtMs - Date.now();
    entry.timer = setTimeout(
      () => (delay > MAX_TIMER_MS ? this.armExpiry(entry) : this.end(entry, 'token_expired')),
      Math.max(0, Math.min(delay, MAX_TIMER_MS)),
    );
    entry.timer.unref();
  }

  private end(entry: Entry, why: StreamEndReason): void {
    if (!this.forget(entry)) return;
    entry.stream.end(why);
  }

  private forget(entry: Entry): boolean {
    clearTimeout(entry.timer);
    return this.open.delete(entry);
  }
}
