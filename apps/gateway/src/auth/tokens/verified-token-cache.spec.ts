import { VerifiedTokenCache } from './verified-token-cache';

const token = (expiresAtMs: number) => ({
  jti: 'j',
  clientId: 'c',
  scopes: [],
  permissions: [],
  issuedAtMs: 0,
  expiresAtMs,
});

describe('VerifiedTokenCache', () => {
  it('returns a verified token until it expires, and at most a minute', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => now);
    cache.set('short', token(now + 5_000));
    cache.set('long', token(now + 3_600_000));
    expect(cache.get('short')?.jti).toBe('j');
    now += 5_000;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBeDefined();
    now += 55_000;
    expect(cache.get('long')).toBeUndefined();
  });

  it('never stores an expired token and forgets the oldest entry when full', () => {
    const now = 1_000_000;
    const cache = new VerifiedTokenCache(2, () => now);
    cache.set('expired', token(now - 1));
    expect(cache.get('expired')).toBeUndefined();
    cache.set('a', token(now + 10_000));
    cache.set('b', token(now + 10_000));
    cache.set('c', token(now + 10_000));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
