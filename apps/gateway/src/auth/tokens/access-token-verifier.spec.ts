import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AccessTokenVerifier, KeySetUnavailable, TokenRejected } from './access-token-verifier';

const ISSUER = 'https://api.example.test';

async function token(
  key: KeyLike,
  claims: Record<string, unknown> = {},
  typ = 'at+jwt',
): Promise<string> {
  return new SignJWT({ client_id: 'c1', scope: 'a b', iat: 1_700_000_000.123, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ })
    .setJti('j1')
    .setSubject('u1')
    .setIssuer(ISSUER)
    .setExpirationTime('5m')
    .sign(key);
}

describe('AccessTokenVerifier', () => {
  let key: KeyLike;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    verifier = new AccessTokenVerifier(createLocalJWKSet({ keys: [jwk] }), { issuer: ISSUER });
  });

  it('reads client, user, scopes, permissions and a millisecond iat from a valid token', async () => {
    const verified = await verifier.verify(
      await token(key, { entitlements: ['UserManagement', 7] }),
    );
    expect(verified).toMatchObject({
      jti: 'j1',
      clientId: 'c1',
      userId: 'u1',
      scopes: ['a', 'b'],
      permissions: ['UserManagement'],
      issuedAtMs: 1_700_000_000_123,
    });
  });

  it('has no user when the subject is the client (client credentials)', async () => {
    expect((await verifier.verify(await token(key, { client_id: 'u1' }))).userId).toBeUndefined();
  });

  it('refuses a token that is not an RFC 9068 access token or lacks claims', async () => {
    await expect(verifier.verify(await token(key, {}, 'JWT'))).rejects.toBeInstanceOf(
      TokenRejected,
    );
    await expect(verifier.verify(await token(key, { scope: undefined }))).rejects.toBeInstanceOf(
      TokenRejected,
    );
  });

  it('tells an unreachable key set apart from a bad token', async () => {
    const remote = AccessTokenVerifier.remote('http://127.0.0.1:1/jwks', { issuer: ISSUER });
    await expect(remote.verify(await token(key))).rejects.toBeInstanceOf(KeySetUnavailable);
  });
});
