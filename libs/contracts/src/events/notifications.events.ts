import { IsIn, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

/**
 * Who a message is for: one user, a context (its members, or only its admins), or the platform's
 * administrators (`PLATFORM_ADMINS`: callers holding `platform.admin`, e.g. a context's request
 * for an SFTP channel). A `PLATFORM_ADMINS` message names no context in its event, so no context's
 * webhook subscription receives it.
 */
export const MESSAGE_DESTINATIONS = ['USER', 'CONTEXT', 'PLATFORM_ADMINS'] as const;
export type MessageDestination = (typeof MESSAGE_DESTINATIONS)[number];

export class NotificationPayload {
  @IsString() id!: string;
  @IsIn(MESSAGE_DESTINATIONS) destination!: MessageDestination;
  @IsOptional() @IsString() user?: string;
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
  @IsString() text!: string;
  @IsOptional() @IsString() type?: string;
}

export class NotificationReadPayload {
  @IsString() id!: string;
  @IsString() user!: string;
}

export const NotificationCreated = defineEvent({
  type: 'notification.created',
  topic: Topics.Notifications,
  payload: NotificationPayload,
  description: 'A message was sent to a user or to a context.',
  example: {
    id: '9a2f4c7e-1b3d-4e5f-8a6b-7c9d0e1f2a35',
    destination: 'CONTEXT',
    entity: 'ent-3550308',
    database: 'db-3550308-prod',
    text: 'A licença da Folha de Pagamento vence em 30 dias.',
    type: 'license',
  },
});
export const NotificationRead = defineEvent({
  type: 'notification.read',
  topic: Topics.Notifications,
  payload: NotificationReadPayload,
  description: 'A user read a message.',
  example: { id: '9a2f4c7e-1b3d-4e5f-8a6b-7c9d0e1f2a35', user: 'maria.silva' },
});
