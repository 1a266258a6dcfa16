import { IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

export class ClientPayload {
  @IsString() clientId!: string;
  @IsString() name!: string;
  @IsString() kind!: string;
  @IsArray() @IsString({ each: true }) scopes!: string[];
}

export class ClientSecretRotatedPayload {
  @IsString() clientId!: string;
  /** Every token of this client issued before this instant is revoked. */
  @IsString() rotatedAt!: string;
}

export class ClientDeletedPayload {
  @IsString() clientId!: string;
  @IsString() deletedAt!: string;
}

/**
 * What the gateway needs to deny: one token (`jti`), or every token of a client or of a user
 * issued before `issuedBefore`.
 */
export class TokenRevokedPayload {
  @IsIn(['token', 'client', 'user']) scope!: 'token' | 'client' | 'user';
  @IsOptional() @IsString() jti?: string;
  @IsOptional() @IsString() clientId?: string;
  @IsOptional() @IsString() userId?: string;
  @IsOptional() @IsString() issuedBefore?: string;
  /** When the revoked token(s) would have expired anyway; lets caches forget the entry. */
  @IsOptional() @IsString() expiresAt?: string;
  @IsOptional() @IsString() reason?: string;
}

export class TokenIssuedPayload {
  @IsString() jti!: string;
  @IsString() clientId!: string;
  @IsOptional() @IsString() userId?: string;
  @IsString() grantType!: string;
  @IsString() scope!: string;
  @IsOptional() @IsString() ip?: string;
}

export const ClientCreated = defineEvent({
  type: 'client.created',
  topic: Topics.Clients,
  payload: ClientPayload,
  description: 'An OAuth client was registered.',
});
export const ClientSecretRotated = defineEvent({
  type: 'client.secret_rotated',
  topic: Topics.Clients,
  payload: ClientSecretRotatedPayload,
  description: "A client's secret was regenerated; its earlier tokens are revoked.",
});
export const ClientDeleted = defineEvent({
  type: 'client.deleted',
  topic: Topics.Clients,
  payload: ClientDeletedPayload,
  description: 'A client was deleted; its tokens are revoked.',
});
export const TokenRevoked = defineEvent({
  type: 'token.revoked',
  topic: Topics.Tokens,
  payload: TokenRevokedPayload,
  description: 'A token, or every token of a client or user issued before a time, was revoked.',
});
export const TokenIssued = defineEvent({
  type: 'token.issued',
  topic: Topics.Tokens,
  payload: TokenIssuedPayload,
  description: 'An access token was issued (for the audit trail).',
});
