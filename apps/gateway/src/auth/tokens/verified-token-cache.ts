import { createHash } from 'node:crypto';
import type { VerifiedToken } from './access-token-verifier';

/** A withdrawn signing key stops being honoured from the cache within this time. */
const MAX_ENTRY_AGE_MS = 60_000;

/**
 * Remembers tokens whose signature already checked out, so a client's second request with the
 * same token costs a hash instead of an ECDSA verification. Only the signature/claims check is
 * cached: expiry is rechecked on every hit and revocation is always checked by the caller.
 * Keys are SHA-256 digests, so the cache holds no usable token. Bounded; oldest entries go first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { token: VerifiedToken; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(raw: string): VerifiedToken | undefined {
    const key = digest(raw);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.token;
  }

  set(raw: string, token: VerifiedToken): void {
    const until = Math.min(token.expiresAtMs, this.now() + MAX_ENTRY_AGE_MS);
    if (until <= this.now()) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(digest(raw), { token, until });
  }
}

function digest(raw: string): string {
  return createHash('sha256').update(raw).digest('base64url');
}
