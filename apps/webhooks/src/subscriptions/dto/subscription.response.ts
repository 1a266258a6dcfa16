import type { SubscriptionEntity } from '../subscription.entity';
import { MASKED_HEADER_VALUE as MASKED } from '@platform/contracts/client-header-rules';
import { isVisibleHeader } from '../client-headers';
import { singleAction } from '../subscription-actions';

/** A subscription's rate limit (`001_*` Webhook card): at most `requests` every `perSeconds`. */
export class RateLimitResponse {
  requests: number;
  perSeconds: number;
}

/** The OAuth2 card (`001_*`) without its client secret, which is write-only. */
export class OAuth2Response {
  tokenUrl: string;
  clientId: string;
  scope?: string;
  authType: string;
}

export class SubscriptionResponse {
  id: string;
  /** The event types it receives (`["*"]`: every type). */
  actions: string[];
  /** The `004_*` single type: the one entry of `actions`, or null when it names several. */
  action: string | null;
  status: string;
  postbackUrl: string;
  techOwnerName: string;
  techOwnerEmail: string;
  /** Names with values masked, except harmless ones such as content-type. */
  clientHeaders: Record<string, string>;
  rateLimit: RateLimitResponse | null;
  timeoutMs: number;
  oauth2: OAuth2Response | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Only in the answers of creation and rotation: the Standard Webhooks signing secret. */
  secret?: string;
}

export function toSubscriptionResponse(
  s: SubscriptionEntity,
  visibleHeaders: Record<string, string>,
  secret?: string,
): SubscriptionResponse {
  const headers: Record<string, string> = {};
  for (const name of s.clientHeaderNames)
    headers[name] = isVisibleHeader(name) ? (visibleHeaders[name] ?? MASKED) : MASKED;
  return {
    id: s.id,
    actions: [...s.actions],
    action: singleAction(s.actions),
    status: s.status,
    postbackUrl: s.postbackUrl,
    techOwnerName: s.techOwnerName,
    techOwnerEmail: s.techOwnerEmail,
    clientHeaders: headers,
    rateLimit:
      s.rateLimitRequests && s.rateLimitPerSeconds
        ? { requests: s.rateLimitRequests, perSeconds: s.rateLimitPerSeconds }
        : null,
    timeoutMs: s.timeoutMs,
    oauth2: s.oauth2 ? { ...s.oauth2 } : null,
    disabledReason: s.disabledReason,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...(secret ? { secret } : {}),
  };
}

/** The answer of a secret rotation (spec §6): shown once; the old secret signs until it expires. */
export class RotatedSecretResponse {
  /** The new Standard Webhooks signing secret (`whsec_…`). */
  secret: string;
  /** Until when the replaced secret still signs deliveries too (24 h). */
  previousSecretExpiresAt: string;
}
