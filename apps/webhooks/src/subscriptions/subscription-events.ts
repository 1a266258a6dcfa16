import type { Principal } from '@platform/auth';
import {
  WebhookCreated,
  WebhookDeliveriesReplayed,
  type WebhookDeliveriesReplayedPayload,
  WebhookDeleted,
  WebhookSecretRotated,
  WebhookUpdated,
  type WebhookChangePayload,
  type WebhookSecretRotatedPayload,
} from '@platform/contracts';
import { draft, type EventDraft } from '@platform/messaging';
import { actionLabel } from './subscription-actions';
import { withoutQuery } from './subscription-changes';
import type { SubscriptionEntity } from './subscription.entity';

type Change = typeof WebhookCreated | typeof WebhookUpdated | typeof WebhookDeleted;

/** Who acted, and the owner's context when the subscription has one (spec §5, §7). */
function common(
  s: SubscriptionEntity,
  caller: Principal,
): Pick<
  WebhookChangePayload,
  'id' | 'entity' | 'database' | 'actorClient' | 'actorUser' | 'requestId'
> {
  return {
    id: s.id,
    ...(s.ownerEntity && s.ownerDatabase
      ? { entity: s.ownerEntity, database: s.ownerDatabase }
      : {}),
    actorClient: caller.clientId,
    ...(caller.userId ? { actorUser: caller.userId } : {}),
    ...(caller.requestId ? { requestId: caller.requestId } : {}),
  };
}

const envelope = (s: SubscriptionEntity): { entity?: string } =>
  s.ownerEntity ? { entity: s.ownerEntity } : {};

/** `webhook.created` / `.updated` / `.deleted` for the outbox: never a secret in them. */
export function subscriptionChanged(
  definition: Change,
  s: SubscriptionEntity,
  caller: Principal,
  changed?: string[],
): EventDraft {
  const payload: WebhookChangePayload = {
    ...common(s, caller),
    action: actionLabel(s.actions),
    actions: [...s.actions],
    status: s.status,
    postbackUrl: withoutQuery(s.postbackUrl),
    ...(changed ? { changed } : {}),
  };
  return draft(definition, s.id, payload, envelope(s));
}

export function secretRotated(
  s: SubscriptionEntity,
  caller: Principal,
  previousSecretExpiresAt: Date,
): EventDraft {
  const payload: WebhookSecretRotatedPayload = {
    ...common(s, caller),
    previousSecretExpiresAt: previousSecretExpiresAt.toISOString(),
  };
  return draft(WebhookSecretRotated, s.id, payload, envelope(s));
}

/** `webhook.deliveries_replayed`: who replayed which window, and how much it scheduled. */
export function deliveriesReplayed(
  s: SubscriptionEntity,
  caller: Principal,
  window: { since: Date; until: Date; untilGiven: boolean },
  result: { scheduled: number; hasMore: boolean },
): EventDraft {
  const payload: WebhookDeliveriesReplayedPayload = {
    ...common(s, caller),
    since: window.since.toISOString(),
    ...(window.untilGiven ? { until: window.until.toISOString() } : {}),
    ...result,
  };
  return draft(WebhookDeliveriesReplayed, s.id, payload, envelope(s));
}
