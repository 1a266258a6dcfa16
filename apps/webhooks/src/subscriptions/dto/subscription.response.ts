import type { SubscriptionEntity } from '../subscription.entity';
import { isVisibleHeader, MASKED } from '../client-headers';
import { singleAction } from '../subscription-actions';

export interface SubscriptionResponse {
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
  rateLimit: { requests: number; perSeconds: number } | null;
  timeoutMs: number;
  oauth2: { tokenUrl: string; clientId: string; scope?: string; authType: string } | null;
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
