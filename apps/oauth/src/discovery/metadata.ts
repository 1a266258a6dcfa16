import { PROMPT_VALUES } from '../authorize/openid-request';
import { GRANT_TYPES } from '../clients/client-kinds';
import { SIGNING_ALG } from '../keys/key-store';
import { USERINFO_CLAIMS } from '../userinfo/userinfo-claims';
import { KNOWN_SCOPES, OIDC_SCOPES } from '../shared/scopes';
import type { ServerMetadataResponse } from './metadata.response';

/** Claims of the ID token (tokens/id-token.ts) and of userinfo (userinfo/userinfo-claims.ts). */
export const ID_TOKEN_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'auth_time',
  'nonce',
  'at_hash',
  'sid',
];

/**
 * RFC 8414 authorization server metadata and OpenID Connect Discovery 1.0 §3, in one document
 * (RFC 8414 §2 allows OIDC fields). Every value says what the server does — e2e/discovery.e2e-spec.ts
 * checks each against behaviour — including the defaults that would otherwise claim too much:
 * `request_uri_parameter_supported` defaults to true, so it is stated false.
 */
export function serverMetadata(iss: string): ServerMetadataResponse {
  const clientAuth = ['client_secret_basic', 'client_secret_post'];
  return {
    issuer: iss,
    authorization_endpoint: `${iss}/auth/oauth2/authorize`,
    token_endpoint: `${iss}/auth/oauth2/token`,
    userinfo_endpoint: `${iss}/auth/oauth2/userinfo`,
    end_session_endpoint: `${iss}/auth/oauth2/logout`,
    jwks_uri: `${iss}/auth/oauth2/jwks`,
    revocation_endpoint: `${iss}/auth/oauth2/revoke`,
    introspection_endpoint: `${iss}/auth/oauth2/introspect`,
    scopes_supported: [...OIDC_SCOPES, ...KNOWN_SCOPES],
    // No `id_token` response types: ID tokens come from the token endpoint only (the implicit
    // flow is legacy, RFC 9700 §2.1.2), so `token` stays plain OAuth 2.0.
    response_types_supported: ['code', 'token'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: [...GRANT_TYPES],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    claims_supported: [...ID_TOKEN_CLAIMS, ...USERINFO_CLAIMS.profile, ...USERINFO_CLAIMS.email],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    prompt_values_supported: [...PROMPT_VALUES],
    token_endpoint_auth_methods_supported: [...clientAuth, 'none'],
    revocation_endpoint_auth_methods_supported: [...clientAuth, 'none'],
    introspection_endpoint_auth_methods_supported: clientAuth,
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${iss}/docs`,
  };
}
