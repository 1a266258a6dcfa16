import { createHash } from 'node:crypto';
import { ClientEntity } from '../clients/client.entity';
import {
  InvalidRequest,
  OAuthError,
  UnauthorizedClient,
  UnsupportedResponseType,
} from '../errors/oauth-errors';
import { verifierMatches } from '../tokens/grants/pkce';
import { checkRequest, redirectUriOf, UnsafeAuthorizeRequest } from './authorize-request';

function client(over: Partial<ClientEntity>): ClientEntity {
  return Object.assign(new ClientEntity(), {
    id: 'c',
    kind: 'server',
    secretHash: 'x',
    redirectUris: ['https://app/cb'],
    scopes: ['s'],
    grantTypes: ['authorization_code'],
    ...over,
  });
}
const challenge = createHash('sha256').update('v'.repeat(43)).digest('base64url');

describe('authorize request checks', () => {
  it('redirect URIs match exactly; an unknown one is never redirected to', () => {
    expect(redirectUriOf(client({}), { redirect_uri: 'https://app/cb' })).toBe('https://app/cb');
    expect(redirectUriOf(client({}), {})).toBe('https://app/cb');
    expect(() => redirectUriOf(client({}), { redirect_uri: 'https://app/cb/' })).toThrow(
      UnsafeAuthorizeRequest,
    );
    expect(() => redirectUriOf(null, { redirect_uri: 'https://app/cb' })).toThrow(
      UnsafeAuthorizeRequest,
    );
    expect(() =>
      redirectUriOf(client({ redirectUris: ['https://a/1', 'https://a/2'] }), {}),
    ).toThrow(UnsafeAuthorizeRequest);
  });

  it('refuses plain PKCE and a public client without PKCE; accepts S256', () => {
    const pub = client({ kind: 'browser', secretHash: null });
    expect(checkRequest(pub, 'https://app/cb', { response_type: 'code' })).toBeInstanceOf(
      InvalidRequest,
    );
    expect(
      checkRequest(pub, 'https://app/cb', { response_type: 'code', code_challenge: challenge }),
    ).toBeInstanceOf(InvalidRequest);
    expect(
      checkRequest(pub, 'https://app/cb', {
        response_type: 'code',
        code_challenge: challenge,
        code_challenge_method: 'plain',
      }),
    ).toBeInstanceOf(InvalidRequest);
    const ok = checkRequest(pub, 'https://app/cb', {
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
    });
    expect(ok).not.toBeInstanceOf(OAuthError);
    expect(ok).toMatchObject({ codeChallenge: challenge, state: 'st' });
  });

  it('implicit only when the client lists it; other response types unsupported', () => {
    expect(checkRequest(client({}), 'https://app/cb', { response_type: 'token' })).toBeInstanceOf(
      UnauthorizedClient,
    );
    expect(
      checkRequest(client({ grantTypes: ['implicit'] }), 'https://app/cb', {
        response_type: 'token',
      }),
    ).not.toBeInstanceOf(OAuthError);
    expect(
      checkRequest(client({}), 'https://app/cb', { response_type: 'id_token' }),
    ).toBeInstanceOf(UnsupportedResponseType);
  });

  it('verifies S256 verifiers and rejects malformed ones', () => {
    expect(verifierMatches('v'.repeat(43), challenge)).toBe(true);
    expect(verifierMatches('w'.repeat(43), challenge)).toBe(false);
    expect(verifierMatches('short', challenge)).toBe(false);
    expect(verifierMatches(undefined, challenge)).toBe(false);
  });
});
