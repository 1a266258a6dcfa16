import fc from 'fast-check';

/*
 * Hostile input for every place a caller can put some: strings, JSON values, bodies with their
 * content types, path segments, query strings, credentials. Built from fast-check arbitraries so
 * a failing case shrinks to a small one.
 */

/** Strings a careless parser or a database chokes on, mixed with random ones of every kind. */
const shortHostile: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u200b',
    '𝕏𝕐ñ日本',
    '../../../etc/passwd',
    '..',
    '.',
    '%00',
    '%',
    '%zz',
    '%E0%A4%A',
    'null',
    'undefined',
    'true',
    '-1',
    '0',
    '-0',
    '1e309',
    '9007199254740993',
    '99999999999999999999999999999999',
    '1.5',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    'prototype',
    "'; DROP TABLE x; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '${7*7}',
    '{{7*7}}',
    '\r\nX-Injected: 1',
    '2026-13-45T99:99:99Z',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
  ),
);

/** Huge strings (256 to 70 000 units of ASCII, accented, NUL, astral or digits). */
const longString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '\u0000', '𝕏', '9'), fc.integer({ min: 256, max: 70_000 }))
  .map(([unit, n]) => unit.repeat(n));

/** In bodies: one string in ten is huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortHostile, weight: 9 },
  { arbitrary: longString, weight: 1 },
);

/**
 * In a URL or a header, rarely huge: a request has several, and one huge one makes the whole
 * request a 414/431 that tests nothing further.
 */
const headText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortHostile, weight: 40 },
  { arbitrary: longString, weight: 1 },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, -0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 5e-324),
);

const pollutionKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
);

/** Any JSON value, shallow or deep, with hostile leaves and prototype-pollution keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileString, pollutionKey), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** `{"__proto__": {...}}` and friends, as text: JSON.stringify would drop a real __proto__ key. */
const pollutionBody = fc
  .tuple(pollutionKey, fc.string({ maxLength: 8 }))
  .map(
    ([key, name]) =>
      `{"${key}":{"polluted":true,"isAdmin":true,"${name}":1},"constructor":{"prototype":{"x":1}}}`,
  );

const deepNesting = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

const malformedJson = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    '{"a":1,}',
    "{'a':1}",
    'nul',
    '{"a":1}{"b":2}',
    '\u0000',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '1e99999',
  ),
  hostileJson.map((v) => JSON.stringify(v) ?? '').map((s) => s.slice(0, Math.max(0, s.length - 1))),
);

/** A body shaped like the operation's schema, but with hostile values, missing and extra fields. */
export function shapedBody(properties: string[]): fc.Arbitrary<string> {
  const fields = properties.length > 0 ? properties : ['id', 'name'];
  return fc
    .tuple(
      fc.subarray(fields),
      fc.array(hostileJson, { minLength: fields.length, maxLength: fields.length }),
      fc.dictionary(fc.oneof(hostileString, pollutionKey), hostileJson, { maxKeys: 3 }),
    )
    .map(([kept, values, extra]) => {
      const body: Record<string, unknown> = { ...extra };
      kept.forEach((name, i) => (body[name] = values[i]));
      return JSON.stringify(body);
    });
}

export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/xml',
  'application/octet-stream',
  '*/*',
  ';;;',
  'application/json; charset=\u00ff',
  '',
);

export interface HostileBody {
  contentType?: string;
  text: string;
}

export function hostileBody(properties: string[]): fc.Arbitrary<HostileBody | undefined> {
  const json = fc.oneof(
    shapedBody(properties),
    shapedBody(properties),
    hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
    pollutionBody,
    deepNesting,
    malformedJson,
  );
  return fc.oneof(
    { arbitrary: json.map((text) => ({ contentType: 'application/json', text })), weight: 6 },
    {
      arbitrary: fc.record({ contentType: contentTypes, text: fc.oneof(json, hostileString) }),
      weight: 2,
    },
    { arbitrary: json.map((text) => ({ text })), weight: 1 }, // no content type at all
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** An application/x-www-form-urlencoded body: known fields, hostile values, repeats, bad escapes. */
export function hostileForm(fields: string[]): fc.Arbitrary<HostileBody> {
  const names = fc.oneof(fc.constantFrom(...fields), hostileString, pollutionKey);
  const pair = fc
    .tuple(
      names,
      fc.oneof(
        hostileString,
        fc.constantFrom('client_credentials', 'authorization_code', 'refresh_token', 'password'),
      ),
      fc.boolean(),
    )
    .map(([k, v, raw]) =>
      raw ? `${k}=${v}` : `${encodeURIComponent(safe(k))}=${encodeURIComponent(safe(v))}`,
    );
  return fc.record({
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/x-www-form-urlencoded'), weight: 5 },
      { arbitrary: contentTypes, weight: 1 },
    ),
    text: fc.array(pair, { maxLength: 8 }).map((pairs) => pairs.join('&')),
  });
}

/** encodeURIComponent throws on a lone surrogate; such a string is sent raw elsewhere. */
export function safe(text: string): string {
  return text.replace(/[\ud800-\udfff]/g, '\ufffd');
}

/** A path segment: encoded hostile text, or raw bytes a router must survive. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: headText.map((s) => encodeURIComponent(safe(s))), weight: 5 },
  {
    arbitrary: fc.constantFrom('%', '%zz', '%00', '%C0%AF', '..', '%2e%2e', '%2F', ';', '~', '*'),
    weight: 2,
  },
  { arbitrary: fc.integer().map(String), weight: 1 },
);

/** A query string: documented names and others, hostile values, repeats, brackets. */
export function queryString(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    ...(names.length > 0 ? [fc.constantFrom(...names), fc.constantFrom(...names)] : []),
    fc.constantFrom(
      '__proto__',
      'constructor[prototype][x]',
      'a[]',
      'a[b][c]',
      'page',
      'size',
      'sort',
      'limit',
      'offset',
    ),
    headText.map(safe),
  );
  const pair = fc
    .tuple(name, headText, fc.boolean())
    .map(([k, v, raw]) =>
      raw && /^[\x21-\x22\x24-\x7e]*$/.test(v)
        ? `${encodeURIComponent(k)}=${v}`
        : `${encodeURIComponent(k)}=${encodeURIComponent(safe(v))}`,
    );
  return fc
    .array(pair, { maxLength: 6 })
    .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
}

export type Credentials = { kind: 'admin' } | { kind: 'none' } | { kind: 'header'; value: string };

/** Who calls: the platform administrator, nobody, or a malformed Authorization header. */
export const credentials: fc.Arbitrary<Credentials> = fc.oneof(
  { arbitrary: fc.constant<Credentials>({ kind: 'admin' }), weight: 6 },
  { arbitrary: fc.constant<Credentials>({ kind: 'none' }), weight: 2 },
  {
    arbitrary: fc
      .oneof(
        headText.map((s) => `Bearer ${s}`),
        headText.map((s) => `Basic ${Buffer.from(safe(s)).toString('base64')}`),
        headText.map((s) => `Basic ${s}`),
        fc.constantFrom(
          'Bearer',
          'Basic',
          'Basic ===',
          'Bearer a.b.c',
          'Bearer eyJhbGciOiJub25lIn0.e30.',
          'Digest x',
          '',
        ),
      )
      .map((value) => ({ kind: 'header' as const, value })),
    weight: 2,
  },
);

/** Headers the platform reads (context, idempotency, tracing, negotiation), with hostile values. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'user-access',
    'idempotency-key',
    'x-forwarded-for',
    'x-forwarded-proto',
    'x-request-id',
    'traceparent',
    'tracestate',
    'accept',
    'accept-language',
    'accept-encoding',
    'content-encoding',
    'if-none-match',
    'if-match',
    'range',
    'origin',
    'cookie',
    'last-event-id',
  ),
  fc.oneof(
    headText,
    fc.constantFrom(
      'gzip',
      'br',
      'deflate',
      '*/*',
      'text/event-stream',
      'bytes=0-',
      'null',
      '00-0-0-0',
    ),
  ),
  { maxKeys: 3 },
);
