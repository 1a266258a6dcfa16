import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class WebhookDisabledPayload {
  @IsString() id!: string;
  /** The subscription's event types as one text: the type, `*`, or the types joined by `,`. */
  @IsString() action!: string;
  /** The subscription's event types (`*` alone for every type). */
  @IsOptional() @IsArray() @IsString({ each: true }) actions?: string[];
  @IsString() postbackUrl!: string;
  @IsString() techOwnerEmail!: string;
  @IsString() techOwnerName!: string;
  @IsOptional() @IsString() ownerUser?: string;
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() reason!: string;
  /**
   * The owner lost the right to it (access revoked, user disabled, owning client deleted): the
   * context's admins are told, not the former owner.
   */
  @IsOptional() @IsBoolean() ownerLostAccess?: boolean;
}

/**
 * An admin change to a subscription (spec §7: every admin change is on record). It names who
 * changed what and never carries a secret: no header value, no OAuth2 client secret, no signing
 * secret, and `postbackUrl` without its query string (receivers put tokens there).
 */
export class WebhookChangePayload {
  @IsString() id!: string;
  /** The subscription's event types as one text: the type, `*`, or the types joined by `,`. */
  @IsString() action!: string;
  /** The subscription's event types (`*` alone for every type). */
  @IsOptional() @IsArray() @IsString({ each: true }) actions?: string[];
  @IsString() status!: string;
  /** Scheme, host, port and path of the postback URL; the query and fragment are left out. */
  @IsString() postbackUrl!: string;
  /** The owner's context; both absent for a platform-wide subscription. */
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() actorClient!: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() requestId?: string;
  /** `webhook.updated`: the names of the fields the change touched (never their values). */
  @IsOptional() @IsArray() @IsString({ each: true }) changed?: string[];
}

export class WebhookSecretRotatedPayload {
  @IsString() id!: string;
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() actorClient!: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() requestId?: string;
  /** Until when the secret just rotated out keeps signing (24 h grace, spec §6). */
  @IsString() previousSecretExpiresAt!: string;
}

/**
 * A bulk replay (`POST /api/v1/webhooks/{id}/deliveries/replay`): the failed deliveries of one
 * subscription made in [`since`, `until`) were scheduled again (spec §7: an admin change).
 */
export class WebhookDeliveriesReplayedPayload {
  @IsString() id!: string;
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() actorClient!: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() requestId?: string;
  @IsString() since!: string;
  @IsOptional() @IsString() until?: string;
  /** Deliveries this call scheduled again (at most 10,000 a call). */
  @IsInt() @Min(0) @Max(10_000) scheduled!: number;
  /** More failed deliveries are in the window than one call schedules: call again. */
  @IsBoolean() hasMore!: boolean;
}

/**
 * The `data` of the ping `POST /api/v1/webhooks/{id}/test` sends. Not a domain event (it is never
 * published on a topic, so it is not in the AsyncAPI document), but a type receivers get.
 */
export class WebhookTestPayload {
  @IsString() subscriptionId!: string;
  @IsString() message!: string;
}

export const WebhookTest = {
  type: 'webhook.test',
  payload: WebhookTestPayload,
  description:
    "A test delivery sent by POST /api/v1/webhooks/{id}/test, whatever the subscription's types.",
  example: {
    subscriptionId: '5b8e2f1a-9c3d-4e7f-a1b2-c3d4e5f60718',
    message: 'This is a test delivery.',
  } satisfies WebhookTestPayload,
} as const;

const OWNER = { entity: 'ent-3550308', database: 'db-3550308-prod' };
const ACTOR = { actorClient: 'erp-integration', actorUser: 'joao.admin', requestId: 'req-5f2c9a' };
const SUBSCRIPTION = {
  id: '5b8e2f1a-9c3d-4e7f-a1b2-c3d4e5f60718',
  action: 'license.created,license.revoked',
  actions: ['license.created', 'license.revoked'],
  status: 'active',
  postbackUrl: 'https://erp.example.com/hooks/licenses',
  ...OWNER,
  ...ACTOR,
};

export const WebhookDisabled = defineEvent({
  type: 'webhook.disabled',
  topic: Topics.Webhooks,
  payload: WebhookDisabledPayload,
  description: 'A subscription was disabled (410 Gone, or 7 days of only failures).',
  example: {
    id: SUBSCRIPTION.id,
    action: SUBSCRIPTION.action,
    actions: SUBSCRIPTION.actions,
    postbackUrl: SUBSCRIPTION.postbackUrl,
    techOwnerEmail: 'ti@erp.example.com',
    techOwnerName: 'Equipe de TI',
    ownerUser: 'joao.admin',
    ...OWNER,
    reason: 'the receiver answered 410 Gone',
  },
});
export const WebhookCreated = defineEvent({
  type: 'webhook.created',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was created (no secret in the payload).',
  example: SUBSCRIPTION,
});
export const WebhookUpdated = defineEvent({
  type: 'webhook.updated',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was replaced by a PUT; `changed` names the fields it touched.',
  example: { ...SUBSCRIPTION, changed: ['actions', 'clientHeaders'] },
});
export const WebhookDeleted = defineEvent({
  type: 'webhook.deleted',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was deleted with its deliveries.',
  example: SUBSCRIPTION,
});
export const WebhookSecretRotated = defineEvent({
  type: 'webhook.secret_rotated',
  topic: Topics.Webhooks,
  payload: WebhookSecretRotatedPayload,
  description: "A subscription's signing secret was rotated; the old one signs for 24 h more.",
  example: {
    id: SUBSCRIPTION.id,
    ...OWNER,
    ...ACTOR,
    previousSecretExpiresAt: '2026-03-03T14:00:00.000Z',
  },
});
export const WebhookDeliveriesReplayed = defineEvent({
  type: 'webhook.deliveries_replayed',
  topic: Topics.Webhooks,
  payload: WebhookDeliveriesReplayedPayload,
  description: "A subscription's failed deliveries in a time window were scheduled again.",
  example: {
    id: SUBSCRIPTION.id,
    ...OWNER,
    ...ACTOR,
    since: '2026-03-01T00:00:00.000Z',
    until: '2026-03-02T00:00:00.000Z',
    scheduled: 42,
    hasMore: false,
  },
});
