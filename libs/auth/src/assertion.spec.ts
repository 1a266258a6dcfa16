import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import {
  AssertionSigner,
  AssertionVerifier,
  ASSERTION_TTL_SECONDS,
  generateAssertionKeys,
} from './assertion';
import type { Principal } from './principal';

const keys = generateAssertionKeys();
const principal: Principal = {
  clientId: 'c1',
  userId: 'u1',
  scopes: ['users.suite'],
  context: { entity: 'e', database: 'd', accessId: 'a1', role: 'admin' },
  tokenId: 't1',
  requestId: 'r1',
};

describe('gateway assertions', () => {
  const signer = new AssertionSigner(keys.privateKey);

  it('round-trips a principal to the service it is addressed to', async () => {
    const token = await signer.sign(principal, 'users');
    expect(await new AssertionVerifier(keys.publicKey, 'users').verify(token)).toEqual(principal);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'platform-assertion+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'platform-gateway', aud: 'users', sub: 'u1' });
    expect(claims.exp! - claims.iat!).toBe(ASSERTION_TTL_SECONDS);
  });

  it('carries the license of a bound client (000_*)', async () => {
    const bound = { ...principal, license: 'L1' };
    const token = await signer.sign(bound, 'users');
    expect(decodeJwt(token)['lic']).toBe('L1');
    expect(await new AssertionVerifier(keys.publicKey, 'users').verify(token)).toEqual(bound);
  });

  it('leaves out what the caller does not have (a client without user or context)', async () => {
    const bare = { clientId: 'c2', scopes: [], tokenId: 't2', requestId: 'r2' };
    const token = await signer.sign(bare, 'audit');
    expect(await new AssertionVerifier(keys.publicKey, 'audit').verify(token)).toEqual(bare);
    expect(decodeJwt(token)).not.toHaveProperty('uid');
    expect(decodeJwt(token).sub).toBe('c2');
  });

  it('is refused by another service, with another key, when tampered or expired', async () => {
    const token = await signer.sign(principal, 'users');
    await expect(new AssertionVerifier(keys.publicKey, 'audit').verify(token)).rejects.toThrow();
    await expect(
      new AssertionVerifier(generateAssertionKeys().publicKey, 'users').verify(token),
    ).rejects.toThrow();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), scp: ['platform.admin'] }),
    ).toString('base64url');
    expect(p).not.toBe(forged);
    await expect(
      new AssertionVerifier(keys.publicKey, 'users').verify(`${h}.${forged}.${s}`),
    ).rejects.toThrow();
    const expired = await new SignJWT({ cid: 'c', scp: [], tid: 't', rid: 'r' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'platform-assertion+jwt' })
      .setIssuer('platform-gateway')
      .setAudience('users')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(createPrivateKey(keys.privateKey));
    await expect(new AssertionVerifier(keys.publicKey, 'users').verify(expired)).rejects.toThrow();
  });
});
