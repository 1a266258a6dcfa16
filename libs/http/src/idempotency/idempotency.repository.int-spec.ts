import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { idempotencyMigrations } from './idempotency.migration';
import { IN_FLIGHT_LIMIT_MS, IdempotencyRepository, type KeyUse } from './idempotency.repository';
import { bindingInPlaintext } from './response-cipher';

/** AES-256-GCM without additional data, as oauth's KeyEncryption. */
function testCipher() {
  const key = randomBytes(32);
  return bindingInPlaintext({
    encrypt(plain: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return [iv, c.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
    },
    decrypt(sealed: string) {
      const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
      const d = createDecipheriv('aes-256-gcm', key, iv!);
      d.setAuthTag(tag!);
      return Buffer.concat([d.update(data!), d.final()]).toString('utf8');
    },
  });
}

/** libs/http sits below libs/testing: this suite makes its own database on the run's server. */
async function adminQuery(sql: string): Promise<void> {
  const url = process.env['TEST_PG_URL'];
  if (!url) throw new Error('no Postgres for tests: run them with jest (global setup)');
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

describe('IdempotencyRepository on Postgres', () => {
  const dbName = `t_http_idempotency_${randomBytes(4).toString('hex')}`;
  let ds: DataSource;
  let store: IdempotencyRepository;
  let plainStore: IdempotencyRepository;
  let n = 0;
  const use = (fingerprint = 'f1'): KeyUse => ({
    caller: '["c",null,null,null]',
    key: `k-${++n}`,
    fingerprint,
  });

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const url = new URL(process.env['TEST_PG_URL']!);
    url.pathname = `/${dbName}`;
    ds = await new DataSource({
      type: 'postgres',
      url: url.toString(),
      migrations: idempotencyMigrations,
    }).initialize();
    await ds.runMigrations();
    store = new IdempotencyRepository(ds, testCipher());
    plainStore = new IdempotencyRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('lets exactly one of many concurrent requests with one key claim it; the others see it in flight', async () => {
    const k = use();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(k)));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in-flight')).toHaveLength(19);
  });

  it('answers a completed key with its first answer, kept sealed: the secret is not in the table', async () => {
    const k = use();
    const claim = await store.claim(k);
    if (claim.kind !== 'claimed') throw new Error(claim.kind);
    await store.complete(
      k,
      claim.claim,
      { status: 201, body: { id: 'x', secret: 'whsec_top' } },
      true,
    );
    expect(await store.claim(k)).toEqual({
      kind: 'done',
      answer: { status: 201, body: { id: 'x', secret: 'whsec_top' } },
    });
    const rows = await ds.query('SELECT response, sealed FROM idempotency_keys WHERE key = $1', [
      k.key,
    ]);
    expect(rows).toEqual([
      { response: expect.not.stringContaining('whsec_top') as unknown, sealed: true },
    ]);
    // A sealed answer copied to another key does not open there.
    const other = use();
    const otherClaim = await store.claim(other);
    if (otherClaim.kind !== 'claimed') throw new Error(otherClaim.kind);
    await store.complete(other, otherClaim.claim, { status: 201, body: {} }, true);
    await ds.query('UPDATE idempotency_keys SET response = $1 WHERE key = $2', [
      (rows as { response: string }[])[0]!.response,
      other.key,
    ]);
    expect(await store.claim(other)).toEqual({ kind: 'withheld', status: 201 });
  });

  it('without a cipher keeps answers in clear but never one that holds a secret', async () => {
    const plain = use();
    const c1 = await plainStore.claim(plain);
    if (c1.kind !== 'claimed') throw new Error(c1.kind);
    await plainStore.complete(plain, c1.claim, { status: 201, body: { id: 'p' } }, false);
    expect(await plainStore.claim(plain)).toEqual({
      kind: 'done',
      answer: { status: 201, body: { id: 'p' } },
    });
    const secret = use();
    const c2 = await plainStore.claim(secret);
    if (c2.kind !== 'claimed') throw new Error(c2.kind);
    await plainStore.complete(secret, c2.claim, { status: 201, body: { secret: 's3cr3t' } }, true);
    expect(await plainStore.claim(secret)).toEqual({ kind: 'withheld', status: 201 });
    const rows = await ds.query('SELECT response FROM idempotency_keys WHERE key = $1', [
      secret.key,
    ]);
    expect(rows).toEqual([{ response: null }]);
  });

  it('tells another request under a used key (422), a released key (claim again), a cut-off one', async () => {
    const k = use('body-a');
    const claim = await store.claim(k);
    if (claim.kind !== 'claimed') throw new Error(claim.kind);
    expect(await store.claim({ ...k, fingerprint: 'body-b' })).toEqual({ kind: 'mismatch' });
    await store.release(k, claim.claim);
    expect((await store.claim({ ...k, fingerprint: 'body-b' })).kind).toBe('claimed');
    await ds.query(
      `UPDATE idempotency_keys SET created_at = now() - $2 * interval '1 millisecond' WHERE key = $1`,
      [k.key, IN_FLIGHT_LIMIT_MS + 1_000],
    );
    expect(await store.claim({ ...k, fingerprint: 'body-b' })).toEqual({ kind: 'interrupted' });
  });

  it('forgets a key after it expires, and purges expired keys in bounded batches', async () => {
    const k = use();
    const claim = await store.claim(k);
    if (claim.kind !== 'claimed') throw new Error(claim.kind);
    await store.complete(k, claim.claim, { status: 201, body: { id: 'old' } }, false);
    await ds.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [k.key],
    );
    // An expired key is a new key, even with another body.
    expect((await store.claim({ ...k, fingerprint: 'other' })).kind).toBe('claimed');

    await ds.query(`INSERT INTO idempotency_keys (caller, key, claim, fingerprint, state, expires_at)
      SELECT 'purge', 'p-' || n, gen_random_uuid(), 'f', 'done', now() - interval '1 hour'
        FROM generate_series(1, 2500) AS n`);
    expect(await store.purgeExpired(2)).toBe(2_000);
    expect(await store.purgeExpired()).toBe(500);
    const left = await ds.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE caller = 'purge'`,
    );
    expect(left).toEqual([{ n: 0 }]);
    expect(await store.claim({ ...k, fingerprint: 'other' })).toEqual({ kind: 'in-flight' });
  });
});
