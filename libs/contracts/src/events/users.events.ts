import { IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class UserPayload {
  @IsString() id!: string;
  @IsString() name!: string;
  @IsEmail() email!: string;
  @IsIn(['active', 'disabled']) status!: 'active' | 'disabled';
}

export class UserDisabledPayload {
  @IsString() id!: string;
  /** Tokens and sessions of this user issued before this instant are no longer valid. */
  @IsString() disabledAt!: string;
  @IsOptional() @IsString() by?: string;
}

export const UserCreated = defineEvent({
  type: 'user.created',
  topic: Topics.Users,
  payload: UserPayload,
  description: 'A user was added to the directory.',
  example: {
    id: 'maria.silva',
    name: 'Maria Silva',
    email: 'maria.silva@example.com',
    status: 'active',
  },
});
export const UserUpdated = defineEvent({
  type: 'user.updated',
  topic: Topics.Users,
  payload: UserPayload,
  description: "A user's name, e-mail or status changed.",
  example: {
    id: 'maria.silva',
    name: 'Maria da Silva',
    email: 'maria.silva@example.com',
    status: 'active',
  },
});
export const UserDisabled = defineEvent({
  type: 'user.disabled',
  topic: Topics.Users,
  payload: UserDisabledPayload,
  description: 'A user was disabled: its tokens and sessions end.',
  example: { id: 'maria.silva', disabledAt: '2026-03-02T15:00:00.000Z', by: 'joao.admin' },
});
