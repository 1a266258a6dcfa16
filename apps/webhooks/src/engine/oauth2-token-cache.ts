import { Injectable } from '@nestjs/common';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { Clock } from '@platform/http';
import { DeliveryAgent } from './delivery-agent';
import { headerValue, post, READ_ALL } from './http-client';
import { SubscriptionSecrets } from './subscription-secrets';

interface CachedToken {
  token: string;
  expiresAt: number;
  /** The subscription's `updatedAt`: a PUT (new client secret, new token URL) invalidates. */
  version: number;
}

/** Renew this long before the token's stated expiry, so it does not expire in flight. */
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_LIFETIME_S = 300;
const TOKEN_TIMEOUT_MS = 10_000;

export class TokenFetchFailed extends Error {}

/**
 * Access tokens for receivers protected by OAuth2 (`001_*` OAuth2 card): client credentials grant
 * (RFC 6749 §4.4) with `client_secret_basic` (§2.3.1: form-urlencoded id and secret in Basic) or
 * `client_secret_post`, cached per subscription until shortly before `expires_in`.
 */
@Injectable()
export class OAuth2TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly agent: DeliveryAgent,
    private readonly secrets: SubscriptionSecrets,
    private readonly clock: Clock,
  ) {}

  async token(s: SubscriptionEntity): Promise<string> {
    const cached = this.tokens.get(s.id);
    if (
      cached &&
      cached.version === s.updatedAt.getTime() &&
      cached.expiresAt > this.clock.now().getTime()
    ) {
      return cached.token;
    }
    const running = this.inFlight.get(s.id);
    if (running) return running;
    const fetching = this.fetch(s).finally(() => this.inFlight.delete(s.id));
    this.inFlight.set(s.id, fetching);
    return fetching;
  }

  /** After a 401 the receiver no longer takes the cached token. */
  invalidate(subscriptionId: string): void {
    this.tokens.delete(subscriptionId);
  }

  private async fetch(s: SubscriptionEntity): Promise<string> {
    const oauth2 = s.oauth2;
    if (!oauth2) throw new TokenFetchFailed(`subscription ${s.id} has no OAuth2 settings`);
    const secret = this.secrets.oauth2ClientSecret(s);
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (oauth2.scope) form.set('scope', oauth2.scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (oauth2.authType === 'client_secret_basic') {
      const pair = `${encodeURIComponent(oauth2.clientId)}:${encodeURIComponent(secret)}`;
      headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', oauth2.clientId);
      form.set('client_secret', secret);
    }
    const answer = await post(
      this.agent.agent,
      oauth2.tokenUrl,
      headers,
      form.toString(),
      TOKEN_TIMEOUT_MS,
      READ_ALL,
    );
    if (answer.statusCode !== 200) {
      throw new TokenFetchFailed(
        `token endpoint answered ${answer.statusCode}: ${answer.bodyStart.slice(0, 200)}`,
      );
    }
    const parsed = parseTokenResponse(
      answer.bodyStart,
      headerValue(answer.headers, 'content-type'),
    );
    const lifetime = (parsed.expiresIn ?? DEFAULT_LIFETIME_S) * 1000;
    this.tokens.set(s.id, {
      token: parsed.accessToken,
      expiresAt: this.clock.now().getTime() + Math.max(lifetime - EXPIRY_MARGIN_MS, lifetime / 2),
      version: s.updatedAt.getTime(),
    });
    return parsed.accessToken;
  }
}

function parseTokenResponse(
  body: string,
  contentType: string | undefined,
): { accessToken: string; expiresIn?: number } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new TokenFetchFailed(
      `token endpoint answered non-JSON (${contentType ?? 'no content type'})`,
    );
  }
  const o = json as { access_token?: unknown; expires_in?: unknown };
  if (typeof o.access_token !== 'string' || !o.access_token)
    throw new TokenFetchFailed('token response has no access_token');
  const expiresIn = typeof o.expires_in === 'number' && o.expires_in > 0 ? o.expires_in : undefined;
  return { accessToken: o.access_token, expiresIn };
}
