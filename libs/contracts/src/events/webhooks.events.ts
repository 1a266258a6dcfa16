import { IsOptional, IsString } from 'class-validator';
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

export const WebhookDisabled = defineEvent({
  type: 'webhook.disabled',
  topic: Topics.Webhooks,
  payload: WebhookDisabledPayload,
  description: 'A subscription was disabled (410 Gone, or 7 days of only failures).',
});
