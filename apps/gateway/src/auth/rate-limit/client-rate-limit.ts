import type { GatewayRequest } from '../authenticator';
import { rateLimited } from '../auth-errors';
import { rateLimitHeaders, type RateLimitPolicy } from './rate-limit-policy';
import type { RateLimiter } from './rate-limiter';

const POLICY_NAME = 'client';

/**
 * Per-client request limits (a configurable default, overridable per client). The IETF
 * RateLimit fields go on every answer of a counted request: on the 429 through the refusal,
 * on forwarded answers through an `onSend` hook that reads what `check` remembered.
 */
export class ClientRateLimit {
  private readonly pending = new WeakMap<object, Record<string, string>>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly defaultPolicy: RateLimitPolicy,
    private readonly perClient: Map<string, RateLimitPolicy>,
  ) {}

  policyFor(clientId: string): RateLimitPolicy {
    return this.perClient.get(clientId) ?? this.defaultPolicy;
  }

  /** Counts the request; throws the 429 refusal when the client is over its limit. */
  async check(request: GatewayRequest, clientId: string): Promise<void> {
    const policy = this.policyFor(clientId);
    const result = await this.limiter.consume(clientId, policy);
    const headers = rateLimitHeaders(POLICY_NAME, policy, result.remaining, result.resetSeconds);
    if (!result.allowed) throw rateLimited(headers, result.resetSeconds);
    this.pending.set(request.raw, headers);
  }

  /** The headers to add to this request's answer, once. */
  takeHeaders(request: GatewayRequest): Record<string, string> | undefined {
    const headers = this.pending.get(request.raw);
    this.pending.delete(request.raw);
    return headers;
  }

  /** At boot: waits briefly for a shared store, so the first requests count across instances. */
  ready(maxWaitMs: number): Promise<boolean> {
    return this.limiter.ready(maxWaitMs);
  }

  close(): Promise<void> {
    return this.limiter.close();
  }
}
