import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { OauthEnv } from '../config';
import type { KeyStore } from '../keys/key-store';
import { AccessTokens } from './access-token';

describe('access tokens signed without the generic JWT builder', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const env = { issuer: 'https://platform.example' } as OauthEnv;
  const keys = { current: async () => ({ kid: 'k1', key: privateKey }) } as unknown as KeyStore;

  it('are RFC 9068 JWTs any JOSE library verifies', async () => {
    const minted = await new AccessTokens(env, keys).mint({
      clientId: 'c1',
      userId: 'u1',
      scope: ['users.suite', 'audit.read'],
      ttlSeconds: 300,
      entitlements: ['UserManagement'],
    });
    expect(decodeProtectedHeader(minted.token)).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' });
    const { payload } = await jwtVerify(minted.token, publicKey, {
      issuer: env.issuer,
      audience: env.issuer,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({
      jti: minted.jti,
      sub: 'u1',
      client_id: 'c1',
      scope: 'users.suite audit.read',
      entitlements: ['UserManagement'],
    });
    expect(payload.iat! * 1000).toBeCloseTo(minted.issuedAt.getTime(), 0);
    expect(payload.exp! * 1000).toBe(minted.expiresAt.getTime());
  });

  it('name the key that signed them, after a rotation too', async () => {
    let current = 'k1';
    const rotating = {
      current: async () => ({ kid: current, key: privateKey }),
    } as unknown as KeyStore;
    const tokens = new AccessTokens(env, rotating);
    const base = { clientId: 'c1', scope: [], ttlSeconds: 60 };
    expect(decodeProtectedHeader((await tokens.mint(base)).token).kid).toBe('k1');
    current = 'k2';
    expect(decodeProtectedHeader((await tokens.mint(base)).token).kid).toBe('k2');
  });
});
