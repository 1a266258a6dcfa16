import type { SaveSubscriptionDto } from './dto/save-subscription.dto';
import type { OAuth2Settings, SubscriptionEntity } from './subscription.entity';

/** What a save compares: every field a PUT may change, header values and secrets as given. */
export interface SubscriptionSnapshot {
  actions: string;
  status: string;
  postbackUrl: string;
  techOwnerName: string;
  techOwnerEmail: string;
  clientHeaders: Record<string, string>;
  rateLimit: string | null;
  timeoutMs: number;
  oauth2: OAuth2Settings | null;
}

export function snapshotOf(
  s: SubscriptionEntity,
  clientHeaders: Record<string, string>,
): SubscriptionSnapshot {
  return {
    actions: s.actions.join(','),
    status: s.status,
    postbackUrl: s.postbackUrl,
    techOwnerName: s.techOwnerName,
    techOwnerEmail: s.techOwnerEmail,
    clientHeaders,
    rateLimit: s.rateLimitRequests ? `${s.rateLimitRequests}/${s.rateLimitPerSeconds}` : null,
    timeoutMs: s.timeoutMs,
    oauth2: s.oauth2,
  };
}

/** The names of the fields that differ (for `webhook.updated`; values never leave the service). */
export function changedFields(
  before: SubscriptionSnapshot,
  after: SubscriptionSnapshot,
  oauth2SecretGiven: boolean,
): string[] {
  const changed = (Object.keys(before) as (keyof SubscriptionSnapshot)[]).filter(
    (k) => sameKeysOrder(before[k]) !== sameKeysOrder(after[k]),
  );
  return oauth2SecretGiven ? [...changed, 'oauth2.clientSecret'] : changed;
}

/** JSON of a flat value with its keys sorted: jsonb hands stored objects back in its own order. */
function sameKeysOrder(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Why a save that leaves `oauth2.clientSecret` out may not keep the stored one, or null when it
 * may. The stored secret buys bearer tokens from `tokenUrl` that go to the postback URL's origin;
 * it is kept only while both, and the client id, stay what they were when it was given. Anything
 * else would hand the receiver's token to a URL the secret was never given for.
 */
export function oauth2SecretProblem(
  stored: { postbackUrl: string; oauth2: OAuth2Settings | null; hasSecret: boolean } | null,
  dto: SaveSubscriptionDto,
): string | null {
  if (!dto.oauth2 || dto.oauth2.clientSecret !== undefined) return null;
  if (!stored?.oauth2 || !stored.hasSecret) return 'clientSecret is required';
  if (new URL(stored.postbackUrl).origin !== new URL(dto.postbackUrl).origin)
    return 'clientSecret must be given again when the postbackUrl origin changes';
  if (stored.oauth2.tokenUrl !== dto.oauth2.tokenUrl)
    return 'clientSecret must be given again when tokenUrl changes';
  if (stored.oauth2.clientId !== dto.oauth2.clientId)
    return 'clientSecret must be given again when clientId changes';
  return null;
}

/** The postback URL as events show it: no query or fragment (receivers put tokens there). */
export function withoutQuery(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
