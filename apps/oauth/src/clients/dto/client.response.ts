import type { ClientKind, GrantType } from '../client-kinds';

/** The context that owns a client (ADR 15): an entity and one of its databases. */
export class ClientOwnerResponse {
  entity: string;
  database: string;
}

/** A client as the admin API shows it: never its secret or the secret's digest. */
export class ClientResponse {
  client_id: string;
  name: string;
  /** The `002_*` credential kind. */
  kind: ClientKind;
  /** Where authorization codes may be sent, matched exactly. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  grantTypes: GrantType[];
  /** Access-token lifetime in seconds; null: the platform's default. */
  accessTokenTtl: number | null;
  refreshTokens: boolean;
  /** True when the client holds a secret (service, server and password kinds). */
  confidential: boolean;
  /** The license its requests are bound to (`000_*`), or null. */
  license: string | null;
  /** The context that owns it; null for the platform's own clients. */
  owner: ClientOwnerResponse | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The answer of a creation or a secret rotation: the only time the secret is shown. */
export class ClientWithSecretResponse extends ClientResponse {
  /** Shown once; stored as a digest. Absent for public clients. */
  client_secret?: string;
}

/** A long-lived client access token (`000_*`) as issued: the only time the token is shown. */
export class ClientTokenIssuedResponse {
  /** The token's id (`jti`), to revoke it. */
  id: string;
  access_token: string;
  token_type: 'bearer';
  scope: string;
  /** The only endpoints it may call (`METHOD /path/{template}`), when limited. */
  endpoints?: string[];
  expires_at: string;
}

/** A client access token as the list shows it (never the token itself). */
export class ClientTokenResponse {
  id: string;
  scope: string;
  /** The only endpoints it may call; null: its scopes decide. */
  endpoints: string[] | null;
  description: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}
