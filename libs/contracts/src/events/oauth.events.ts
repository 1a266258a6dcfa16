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

/**
 * The context that owns a client (stage 2 of the portal, ADR 15): clients a context's admin
 * registered carry it, so audit and that context's webhook subscriptions see their changes.
 * Absent for the platform's own clients.
 */
export class ClientOwnerFields extends AdminActorFields {
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() database?: string;
}

export class ClientPayload extends ClientOwnerFields {
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

/** A new client. */
export class ClientCreatedPayload extends ClientPayload {
  /**
   * Where it may send authorization codes. The gateway allows the origins of a browser client's
   * redirect URIs to call the APIs from a browser (CORS); absent in events from before it was added.
   */
  @IsOptional() @IsArray() @IsString({ each: true }) redirectUris?: string[];
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

export class ClientSecretRotatedPayload extends ClientOwnerFields {
  @IsString() clientId!: string;
  /** Every token of this client issued before this instant is revoked. */
  @IsString() rotatedAt!: string;
}

export class ClientDeletedPayload extends ClientOwnerFields {
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
export class TokenIssuedPayload extends ClientOwnerFields {
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
  payload: ClientCreatedPayload,
  description: 'An OAuth client was registered.',
  example: {
    clientId: 'erp-integration',
    name: 'ERP integration',
    kind: 'service',
    scopes: ['licenses.suite', 'webhooks.suite'],
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
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
  example: {
    clientId: 'erp-integration',
    name: 'ERP integration',
    kind: 'service',
    scopes: ['licenses.suite'],
    changes: ['scopes'],
    grantTypes: ['client_credentials'],
    redirectUris: [],
    refreshTokens: false,
    accessTokenTtl: 1500,
    removedScopes: ['webhooks.suite'],
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
});
export const ClientSecretRotated = defineEvent({
  type: 'client.secret_rotated',
  topic: Topics.Clients,
  payload: ClientSecretRotatedPayload,
  description: "A client's secret was regenerated; its earlier tokens are revoked.",
  example: {
    clientId: 'erp-integration',
    rotatedAt: '2026-03-02T14:05:00.000Z',
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
});
export const ClientDeleted = defineEvent({
  type: 'client.deleted',
  topic: Topics.Clients,
  payload: ClientDeletedPayload,
  description: 'A client was deleted; its tokens are revoked.',
  example: {
    clientId: 'erp-integration',
    deletedAt: '2026-03-02T14:10:00.000Z',
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
});
export const TokenRevoked = defineEvent({
  type: 'token.revoked',
  topic: Topics.Tokens,
  payload: TokenRevokedPayload,
  description: 'A token, or every token of a client or user issued before a time, was revoked.',
  example: {
    scope: 'client',
    clientId: 'erp-integration',
    issuedBefore: '2026-03-02T14:05:00.000Z',
    reason: 'client.secret_rotated',
  },
});
export const TokenIssued = defineEvent({
  type: 'token.issued',
  topic: Topics.Tokens,
  payload: TokenIssuedPayload,
  description: 'An access token was issued (for the audit trail).',
  example: {
    jti: 'f0e1d2c3-b4a5-4697-8877-665544332211',
    clientId: 'erp-integration',
    grantType: 'client_credentials',
    scope: 'licenses.suite',
    ip: '203.0.113.7',
  },
});
export const CustomerCreated = defineEvent({
  type: 'customer.created',
  topic: Topics.Clients,
  payload: CustomerCreatedPayload,
  description: 'A `003_*` customer instance was registered (its customer_token is shown once).',
  example: {
    customerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    name: 'Cliente Exemplo',
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
});
export const CustomerIdentifierMapped = defineEvent({
  type: 'customer.identifier_mapped',
  topic: Topics.Clients,
  payload: CustomerIdentifierMappedPayload,
  description:
    "An external user identifier was mapped to a login for a customer's client application.",
  example: {
    customerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    clientApplicationId: 'erp-integration',
    identifier: 'EXT-00042',
    userLogin: 'maria.silva',
    actorUser: 'gestor',
  },
});
export const SigningKeyRotated = defineEvent({
  type: 'signing_key.rotated',
  topic: Topics.Tokens,
  payload: SigningKeyRotatedPayload,
  description: 'The access-token signing key was rotated; the previous key stays in the JWKS.',
  example: {
    kid: 'k-2026-03-02',
    previousKid: 'k-2026-01-15',
    rotatedAt: '2026-03-02T14:00:00.000Z',
    reason: 'requested',
    actorClient: 'platform-admin',
    actorUser: 'joao.admin',
    ip: '203.0.113.7',
    requestId: 'req-5f2c9a',
  },
});
