import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

/**
 * Who made an admin change and from where (audit, spec §7): the caller's client and user from the
 * gateway assertion, the source IP and the request id. Absent for changes made at boot.
 */
export class AdminActorFields {
  @IsOptional() @IsString() actorClient?: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() ip?: string;
  @IsOptional() @IsString() requestId?: string;
}

export class ClientPayload extends AdminActorFields {
  @IsString() clientId!: string;
  @IsString() name!: string;
  @IsString() kind!: string;
  @IsArray() @IsString({ each: true }) scopes!: string[];
  /**
   * The license the client's access is bound to (`000_*`: every request identifies the license
   * responsible for it); absent when the client is not bound. `client.updated` always carries the
   * client's whole state, so its absence there means the binding was removed.
   */
  @IsOptional() @IsString() license?: string;
}

/** A client after an admin PATCH; `changes` names the fields that changed. Never a secret. */
export class ClientUpdatedPayload extends ClientPayload {
  @IsArray() @IsString({ each: true }) changes!: string[];
  @IsArray() @IsString({ each: true }) grantTypes!: string[];
  @IsArray() @IsString({ each: true }) redirectUris!: string[];
  @IsBoolean() refreshTokens!: boolean;
  @IsOptional() @IsInt() @Min(60) @Max(86400) accessTokenTtl?: number;
  /** Scopes taken away: every token of the client issued before the change is revoked. */
  @IsArray() @IsString({ each: true }) removedScopes!: string[];
}

export class ClientSecretRotatedPayload extends AdminActorFields {
  @IsString() clientId!: string;
  /** Every token of this client issued before this instant is revoked. */
  @IsString() rotatedAt!: string;
}

export class ClientDeletedPayload extends AdminActorFields {
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

/** `actor*` is set when an administrator issued the token (a `000_*` client access token). */
export class TokenIssuedPayload extends AdminActorFields {
  @IsString() jti!: string;
  @IsString() clientId!: string;
  @IsOptional() @IsString() userId?: string;
  @IsString() grantType!: string;
  @IsString() scope!: string;
  /** The license the client was bound to when the token was issued. */
  @IsOptional() @IsString() license?: string;
  /** A client access token limited to these endpoints (`METHOD /path/{template}`), `000_*`. */
  @IsOptional() @IsArray() @IsString({ each: true }) endpoints?: string[];
  // `ip` (inherited): where the token request came from.
}

export const ClientCreated = defineEvent({
  type: 'client.created',
  topic: Topics.Clients,
  payload: ClientPayload,
  description: 'An OAuth client was registered.',
});
/** `003_*` customer instance; never its customer_token. */
export class CustomerCreatedPayload extends AdminActorFields {
  @IsString() customerId!: string;
  @IsString() name!: string;
}

/** `003_*` §5 "De-Para": an external identifier of a client application mapped to a login. */
export class CustomerIdentifierMappedPayload extends AdminActorFields {
  @IsString() customerId!: string;
  @IsString() clientApplicationId!: string;
  @IsString() identifier!: string;
  @IsString() userLogin!: string;
}

/** A new current access-token signing key; `previousKid` stays in the JWKS. Never key material. */
export class SigningKeyRotatedPayload extends AdminActorFields {
  @IsString() kid!: string;
  @IsOptional() @IsString() previousKid?: string;
  @IsString() rotatedAt!: string;
  /** `requested` (an administrator), `no-current-key` or `undecryptable` (at boot). */
  @IsIn(['requested', 'no-current-key', 'undecryptable']) reason!: string;
}

export const ClientUpdated = defineEvent({
  type: 'client.updated',
  topic: Topics.Clients,
  payload: ClientUpdatedPayload,
  description:
    "A client's registration was changed (name, redirect URIs, scopes, grants, lifetimes).",
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
export const CustomerCreated = defineEvent({
  type: 'customer.created',
  topic: Topics.Clients,
  payload: CustomerCreatedPayload,
  description: 'A `003_*` customer instance was registered (its customer_token is shown once).',
});
export const CustomerIdentifierMapped = defineEvent({
  type: 'customer.identifier_mapped',
  topic: Topics.Clients,
  payload: CustomerIdentifierMappedPayload,
  description:
    "An external user identifier was mapped to a login for a customer's client application.",
});
export const SigningKeyRotated = defineEvent({
  type: 'signing_key.rotated',
  topic: Topics.Tokens,
  payload: SigningKeyRotatedPayload,
  description: 'The access-token signing key was rotated; the previous key stays in the JWKS.',
});
