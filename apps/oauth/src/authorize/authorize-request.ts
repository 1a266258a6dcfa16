import { ClientEntity } from '../clients/client.entity';
import {
  InvalidRequest,
  OAuthError,
  UnauthorizedClient,
  UnsupportedResponseType,
} from '../errors/oauth-errors';
import { parseScopes } from '../shared/scopes';
import { S256_CHALLENGE } from '../tokens/grants/pkce';
import { checkOpenIdParams, OpenIdParams } from './openid-request';

export type Query = Record<string, string | undefined>;

/** A request that cannot be sent back to the client: shown as a 400 page, never redirected (§4.1.2.1). */
export class UnsafeAuthorizeRequest extends Error {}

export interface CheckedRequest {
  client: ClientEntity;
  redirectUri: string;
  responseType: 'code' | 'token';
  state?: string;
  scope?: string[];
  codeChallenge?: string;
  openId: OpenIdParams;
}

/**
 * RFC 6749 §3.1.2.3: the redirect URI must be one the client registered, compared exactly; with
 * none given, the only registered one. Anything else is a 400 page, never a redirect.
 */
export function redirectUriOf(client: ClientEntity | null, q: Query): string {
  if (!client) throw new UnsafeAuthorizeRequest('Unknown client_id.');
  const given = q['redirect_uri'];
  if (given === undefined) {
    if (client.redirectUris.length === 1 && client.redirectUris[0]) return client.redirectUris[0];
    throw new UnsafeAuthorizeRequest('redirect_uri is required.');
  }
  if (!client.redirectUris.includes(given))
    throw new UnsafeAuthorizeRequest('redirect_uri is not registered for this client.');
  return given;
}

/** The checks whose failures may be redirected back with `error` (§4.1.2.1). */
export function checkRequest(
  client: ClientEntity,
  redirectUri: string,
  q: Query,
): CheckedRequest | OAuthError {
  const responseType = q['response_type'];
  if (responseType !== 'code' && responseType !== 'token') {
    return new UnsupportedResponseType('response_type must be code or token.');
  }
  if (responseType === 'code' && !client.grantTypes.includes('authorization_code')) {
    return new UnauthorizedClient('This client may not use the authorization code flow.');
  }
  // Implicit is legacy (RFC 9700 §2.1.2): only for clients whose allow-list names it.
  if (responseType === 'token' && !client.grantTypes.includes('implicit')) {
    return new UnauthorizedClient('This client may not use the implicit flow.');
  }
  const scope = parseScopes(q['scope'], q['scopes']);
  const openId = checkOpenIdParams(q, responseType, scope);
  if (openId instanceof OAuthError) return openId;
  const base = { client, redirectUri, responseType, state: q['state'], scope, openId } as const;
  if (responseType === 'token') return base;
  const challenge = q['code_challenge'];
  const method = q['code_challenge_method'];
  if (challenge === undefined) {
    if (client.isPublic)
      return new InvalidRequest('PKCE (code_challenge with S256) is required for public clients.');
    if (method !== undefined)
      return new InvalidRequest('code_challenge_method without code_challenge.');
    return base;
  }
  // RFC 7636 defaults a missing method to `plain`, which RFC 9700 §2.1.1 says not to accept.
  if (method !== 'S256')
    return new InvalidRequest('code_challenge_method must be S256; plain is not accepted.');
  if (!S256_CHALLENGE.test(challenge)) return new InvalidRequest('code_challenge is malformed.');
  return { ...base, codeChallenge: challenge };
}
