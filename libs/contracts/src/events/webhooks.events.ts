import { IsArray, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class WebhookDisabledPayload {
  @IsString() id!: string;
  @IsString() action!: string;
  @IsString() postbackUrl!: string;
  @IsString() techOwnerEmail!: string;
  @IsString() techOwnerName!: string;
  @IsOptional() @IsString() ownerUser?: string;
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() reason!: string;
}

/**
 * An admin change to a subscription (spec §7: every admin change is on record). It names who
 * changed what and never carries a secret: no header value, no OAuth2 client secret, no signing
 * secret, and `postbackUrl` without its query string (receivers put tokens there).
 */
export class WebhookChangePayload {
  @IsString() id!: string;
  @IsString() action!: string;
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

export const WebhookDisabled = defineEvent({
  type: 'webhook.disabled',
  topic: Topics.Webhooks,
  payload: WebhookDisabledPayload,
  description: 'A subscription was disabled (410 Gone, or 7 days of only failures).',
});
export const WebhookCreated = defineEvent({
  type: 'webhook.created',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was created (no secret in the payload).',
});
export const WebhookUpdated = defineEvent({
  type: 'webhook.updated',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was replaced by a PUT; `changed` names the fields it touched.',
});
export const WebhookDeleted = defineEvent({
  type: 'webhook.deleted',
  topic: Topics.Webhooks,
  payload: WebhookChangePayload,
  description: 'A subscription was deleted with its deliveries.',
});
export const WebhookSecretRotated = defineEvent({
  type: 'webhook.secret_rotated',
  topic: Topics.Webhooks,
  payload: WebhookSecretRotatedPayload,
  description: "A subscription's signing secret was rotated; the old one signs for 24 h more.",
});
