import { canonicalJson } from './canonical-json';
import { chainHash, ChainedFields, GENESIS_HASH } from './hash-chain';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 2, q: 3 } })).toBe(
      canonicalJson({ y: { q: 3, p: 2 }, x: 1 }),
    );
  });

  it('serialises dates, escapes strings and maps non-finite numbers to null', () => {
    expect(
      canonicalJson({ t: new Date('2024-01-02T03:04:05.678Z'), s: 'a"\u0000', n: NaN, big: 1e21 }),
    ).toBe('{"big":1e+21,"n":null,"s":"a\\"\\u0000","t":"2024-01-02T03:04:05.678Z"}');
  });
});

describe('chainHash', () => {
  const record: ChainedFields = {
    seq: '1',
    eventId: 'e1',
    type: 'user.created',
    source: 'users',
    occurredAt: new Date('2024-01-01T00:00:00Z'),
    recordedAt: new Date('2024-01-01T00:00:01Z'),
    actor: null,
    actorClient: null,
    actorUser: null,
    action: 'user.created',
    target: 'kaio.stricker',
    outcome: 'succeeded',
    ip: null,
    entity: null,
    requestId: null,
    data: '{"id":"kaio.stricker"}',
  };

  it('changes when any field or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, record);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...record })).toBe(base);
    expect(chainHash('1'.repeat(64), record)).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...record, outcome: 'failed' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...record, data: '{"id":"other"}' })).not.toBe(base);
  });

  it('ignores extra properties such as the stored hashes', () => {
    const stored = { ...record, hash: 'x', prevHash: 'y' } as ChainedFields;
    expect(chainHash(GENESIS_HASH, stored)).toBe(chainHash(GENESIS_HASH, record));
  });
});
