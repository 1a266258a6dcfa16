import { IsIn, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class NotificationPayload {
  @IsString() id!: string;
  @IsIn(['USER', 'CONTEXT']) destination!: 'USER' | 'CONTEXT';
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
});
export const NotificationRead = defineEvent({
  type: 'notification.read',
  topic: Topics.Notifications,
  payload: NotificationReadPayload,
  description: 'A user read a message.',
});
