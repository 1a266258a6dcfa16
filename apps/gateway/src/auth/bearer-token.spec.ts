import { bearerTokenOf } from './bearer-token';

describe('bearerTokenOf', () => {
  it('reads the token whatever the case of the scheme (RFC 9110 §11.1)', () => {
    for (const h of [
      'Bearer abc.def-ghi',
      'bearer abc.def-ghi',
      'BEARER abc.def-ghi',
      '  bEaReR   abc.def-ghi ',
    ]) {
      expect(bearerTokenOf(h)).toBe('abc.def-ghi');
    }
  });

  it('treats no header, an empty bearer and other schemes as no credentials', () => {
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('')).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerTokenOf('Bearerabc')).toBeUndefined();
  });

  it('flags malformed bearer credentials', () => {
    expect(bearerTokenOf('Bearer a b')).toBeNull();
    expect(bearerTokenOf('Bearer a"b')).toBeNull();
    expect(bearerTokenOf(['Bearer a', 'Bearer b'])).toBeNull();
  });
});
