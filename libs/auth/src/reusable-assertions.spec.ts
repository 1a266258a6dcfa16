import { decodeJwt } from 'jose';
import { AssertionSigner, AssertionVerifier, generateAssertionKeys } from './assertion';
import type { Principal } from './principal';
import { ASSERTION_REUSE_MS, ReusableAssertions } from './reusable-assertions';

const keys = generateAssertionKeys();
const caller: Principal = {
  clientId: 'c1',
  userId: 'u1',
  scopes: ['users.suite'],
  context: { entity: 'e', database: 'd', accessId: 'a1', role: 'admin' },
  tokenId: 't1',
  requestId: 'r1',
};

describe('reused gateway assertions (ADR 0020)', () => {
  afterEach(() => jest.useRealTimers());

  it('signs once per caller and service, and leaves the request id to the request', async () => {
    const signer = new AssertionSigner(keys.privateKey);
    const sign = jest.spyOn(signer, 'sign');
    const assertions = new ReusableAssertions(signer);
    const first = await assertions.for(caller, 'users');
    expect(await assertions.for({ ...caller, requestId: 'r2' }, 'users')).toBe(first);
    expect(sign).toHaveBeenCalledTimes(1);
    expect(decodeJwt(first)).not.toHaveProperty('rid');
    const seen = await new AssertionVerifier(keys.publicKey, 'users').verify(first);
    expect(seen).toEqual({ ...caller, requestId: '' });
  });

  it('signs anew for another service, token, context, scope set or license', async () => {
    const assertions = new ReusableAssertions(new AssertionSigner(keys.privateKey));
    const first = await assertions.for(caller, 'users');
    const others = [
      await assertions.for(caller, 'audit'),
      await assertions.for({ ...caller, tokenId: 't2' }, 'users'),
      await assertions.for({ ...caller, context: { ...caller.context!, accessId: 'a2' } }, 'users'),
      await assertions.for({ ...caller, context: undefined }, 'users'),
      await assertions.for({ ...caller, scopes: ['users.suite', 'audit.read'] }, 'users'),
      await assertions.for({ ...caller, license: 'L1' }, 'users'),
    ];
    expect(new Set([first, ...others]).size).toBe(others.length + 1);
    expect(decodeJwt(others[5]!)['lic']).toBe('L1');
  });

  it('never hands out an assertion past half its life', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') });
    const assertions = new ReusableAssertions(new AssertionSigner(keys.privateKey));
    const first = await assertions.for(caller, 'users');
    jest.advanceTimersByTime(ASSERTION_REUSE_MS - 1000);
    expect(await assertions.for(caller, 'users')).toBe(first);
    jest.advanceTimersByTime(1000);
    const next = await assertions.for(caller, 'users');
    expect(next).not.toBe(first);
    expect(decodeJwt(next).exp! - Date.now() / 1000).toBeGreaterThanOrEqual(59);
  });
});

describe('a service remembering verified assertions', () => {
  afterEach(() => jest.useRealTimers());

  it('refuses a remembered assertion once it expired', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') });
    const token = await new AssertionSigner(keys.privateKey).sign(caller, 'users');
    const verifier = new AssertionVerifier(keys.publicKey, 'users');
    expect(await verifier.verify(token)).toEqual(caller);
    expect(await verifier.verify(token)).toEqual(caller);
    jest.advanceTimersByTime(66_000); // past exp and the 5 s clock tolerance
    await expect(verifier.verify(token)).rejects.toThrow();
  });

  it('hands each request its own copy of the caller', async () => {
    const token = await new AssertionSigner(keys.privateKey).sign(caller, 'users');
    const verifier = new AssertionVerifier(keys.publicKey, 'users');
    const a = await verifier.verify(token);
    a.requestId = 'changed by one request';
    expect((await verifier.verify(token)).requestId).toBe('r1');
  });

  it('shares neither scopes nor context with the remembered caller', async () => {
    const token = await new AssertionSigner(keys.privateKey).sign(caller, 'users');
    const verifier = new AssertionVerifier(keys.publicKey, 'users');
    const a = await verifier.verify(token);
    a.scopes.push('platform.admin');
    a.context!.role = 'user';
    const b = await verifier.verify(token);
    expect(b.scopes).toEqual(['users.suite']);
    expect(b.context?.role).toBe('admin');
  });
});
