import { BadRequestException } from '@nestjs/common';
import { idempotencyKeyOf } from './idempotency-key';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('Idempotency-Key header', () => {
  it('reads the draft form (an RFC 8941 String) and the bare form most clients send', () => {
    expect(idempotencyKeyOf('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(idempotencyKeyOf('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(idempotencyKeyOf('"with space, comma and \\"quotes\\""')).toBe(
      'with space, comma and "quotes"',
    );
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['empty string', '""'],
    ['unterminated', '"abc'],
    ['text after the string', '"abc"x'],
    ['a bad escape', '"a\\nb"'],
    ['a control character', '"a\u0001b"'],
    ['a bare value with a space (e.g. two headers joined)', 'a, b'],
    ['non-ASCII', 'chave-é'],
    ['too long', 'k'.repeat(256)],
    ['given twice', ['a', 'b']],
  ])('refuses %s with a 400', (_what, value) => {
    expect(() => idempotencyKeyOf(value)).toThrow(BadRequestException);
  });
});

describe('request fingerprint', () => {
  it('is the same for the same request whatever the key order of its JSON body', () => {
    expect(requestFingerprint('POST', '/a', { x: 1, y: { b: 2, a: [1, { d: 1, c: 2 }] } })).toBe(
      requestFingerprint('post', '/a', { y: { a: [1, { c: 2, d: 1 }], b: 2 }, x: 1 }),
    );
    expect(canonicalJson({ b: 1, a: null })).toBe('{"a":null,"b":1}');
  });

  it('differs with the method, path, query, body, or array order', () => {
    const base = requestFingerprint('POST', '/a?x=1', { v: [1, 2] });
    expect(requestFingerprint('PUT', '/a?x=1', { v: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST', '/b?x=1', { v: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST', '/a?x=2', { v: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST', '/a?x=1', { v: [2, 1] })).not.toBe(base);
    expect(requestFingerprint('POST', '/a?x=1', undefined)).not.toBe(base);
  });
});
