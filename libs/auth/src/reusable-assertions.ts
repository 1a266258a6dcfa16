import { LRUCache } from 'lru-cache';
import { ASSERTION_TTL_SECONDS, type AssertionSigner } from './assertion';
import type { Principal } from './principal';

/**
 * An assertion is reused for at most half its life, so the service that receives it always has
 * at least 30 s left, far above the verifier's 5 s clock tolerance.
 */
export const ASSERTION_REUSE_MS = (ASSERTION_TTL_SECONDS * 1000) / 2;
/** Most callers remembered at once; past this the least recently used is forgotten. */
const MAX_ENTRIES = 10_000;

/**
 * The gateway's assertions, one per caller and service, reused for ASSERTION_REUSE_MS (ADR 0020).
 * Signing one per request (Ed25519) was the single largest cost of an authenticated request that
 * the gateway itself chose. A reused assertion says exactly what a fresh one would (client, user,
 * scopes, context, token id, license: all of them are the key), except the request id, which it
 * leaves out: the service takes the request's own `x-request-id`, which the gateway sets.
 *
 * Revocation stays exact: this is consulted only after the request was authenticated (token,
 * revocation view, license, rate limit, scopes, User-Access), so a revoked token or context never
 * reaches it; what an assertion already handed out could do for its minute is unchanged.
 */
export class ReusableAssertions {
  private readonly entries = new LRUCache<string, { assertion: string; reuseUntil: number }>({
    max: MAX_ENTRIES,
  });

  constructor(private readonly signer: AssertionSigner) {}

  async for(principal: Principal, audience: string): Promise<string> {
    const key = keyOf(principal, audience);
    const now = Date.now();
    const known = this.entries.get(key);
    if (known && now < known.reuseUntil) return known.assertion;
    const assertion = await this.signer.sign({ ...principal, requestId: '' }, audience);
    this.entries.set(key, { assertion, reuseUntil: now + ASSERTION_REUSE_MS });
    return assertion;
  }
}

/** Every claim of the assertion but the request id, so that two keys alike mean two assertions alike. */
function keyOf(p: Principal, audience: string): string {
  return JSON.stringify([
    audience,
    p.tokenId,
    p.clientId,
    p.userId ?? null,
    p.scopes,
    p.license ?? null,
    // The whole context, whatever fields it grows: it is signed whole.
    p.context ?? null,
  ]);
}
