import { ApiProperty } from '@nestjs/swagger';
import type { UserPayload } from '@platform/contracts';
import { UserEntity, UserStatus } from '../user.entity';

export class UserResponse {
  id!: string;
  name!: string;
  email!: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: UserStatus;
  platformAdmin!: boolean;
  @ApiProperty({ type: [String] }) permissions!: string[];
  createdAt!: string;
  updatedAt!: string;
}

export function toUserResponse(user: UserEntity): UserResponse {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status,
    platformAdmin: user.platformAdmin,
    permissions: user.permissions,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toUserPayload(user: UserEntity): UserPayload {
  return { id: user.id, name: user.name, email: user.email, status: user.status };
}
