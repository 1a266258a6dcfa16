import { findInputFaults } from './well-formed';
import { malformedParameters, parseUrlEncoded } from './url-encoded';

describe('findInputFaults', () => {
  it('names every bad string and key by its dotted path', () => {
    const faults = findInputFaults(
      { a: 'ok', b: ['x', 'y\u0000'], 'c\u0000': { d: '\udc00' } },
      'body',
    );
    expect(faults.map((f) => f.field).sort()).toEqual(['b.1', 'c\\u0000', 'c\\u0000.d']);
    expect(faults.find((f) => f.field === 'b.1')?.message).toBe(
      'field b.1 must not contain NUL characters (U+0000)',
    );
  });

  it('walks nesting deeper than the call stack without failing', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const faults = findInputFaults(deep, 'body');
    expect(faults).toHaveLength(1);
  });

  it('ignores numbers, booleans, null and buffers', () => {
    expect(findInputFaults({ n: 1, t: true, z: null, b: Buffer.from([0]) }, 'body')).toEqual([]);
  });
});

describe('parseUrlEncoded', () => {
  it('decodes like querystring: + as space, repeated names as arrays, an empty name dropped', () => {
    const parsed = parseUrlEncoded('a=1&a=2&b=x+y%21&c&=z&&d=');
    expect({ ...parsed }).toEqual({ a: ['1', '2'], b: 'x y!', c: '', d: '' });
    expect(malformedParameters(parsed)).toEqual([]);
  });

  it('keeps a bad escape raw and lists its parameter', () => {
    const parsed = parseUrlEncoded('ok=1&v=%FF&%ZZ=1&s=%ED%A0%80');
    expect(parsed['v']).toBe('%FF');
    expect(malformedParameters(parsed)).toEqual(['v', '%ZZ', 's']);
  });

  it('makes no prototype from __proto__ and stops at 1000 pairs', () => {
    const parsed = parseUrlEncoded('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(parsed['__proto__']).toBe('x');
    const many = parseUrlEncoded(Array.from({ length: 1500 }, (_, i) => `k${i}=1`).join('&'));
    expect(Object.keys(many)).toHaveLength(1000);
  });
});
