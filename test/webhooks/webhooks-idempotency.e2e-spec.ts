import { randomUUID } from 'node:crypto';
import { as, CONTEXT, subscriptionBody, webhooksSuite } from './harness';

/*
 * Integrators' item 5: `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header) on the POSTs
 * that create things — here a subscription (whose answer shows its signing secret once) and a
 * bulk replay.
 */

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
  replayed?: string;
}

describe('webhooks: Idempotency-Key on creating a subscription and on a replay', () => {
  const suite = webhooksSuite('webhooks_idempotency', { pg: true, receiver: 'suite' });

  async function post(url: string, payload: object, key?: string, principal = {}): Promise<Answer> {
    const headers = { ...(await as(principal)), ...(key ? { 'idempotency-key': key } : {}) };
    const res = await suite.hooks.app.inject({ method: 'POST', url, headers, payload });
    return {
      status: res.statusCode,
      body: res.json<Json>(),
      replayed: res.headers['idempotent-replayed'] as string | undefined,
    };
  }
  const create = (path: string, key?: string, principal = {}) =>
    post('/api/v1/webhooks', subscriptionBody(`${suite.receiver.url}${path}`), key, principal);
  const count = async (path: string): Promise<number> =>
    (
      (
        await suite.pg.query(
          'SELECT count(*)::int AS n FROM webhook_subscriptions WHERE postback_url = $1',
          [`${suite.receiver.url}${path}`],
        )
      ).rows as { n: number }[]
    )[0]!.n;

  it('answers a retry with the first answer, secret included, and creates one subscription', async () => {
    const key = `"${randomUUID()}"`;
    const first = await create('/once', key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeUndefined();
    const again = await create('/once', key);
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(again.body['secret']).toMatch(/^whsec_/);
    expect(await count('/once')).toBe(1);
    const created = await suite.pg.query(
      "SELECT count(*)::int AS n FROM outbox_events WHERE type = 'webhook.created' AND subject = $1",
      [first.body['id']],
    );
    expect(created.rows).toEqual([{ n: 1 }]);
    // The kept answer is sealed: the signing secret is nowhere in clear.
    const kept = await suite.pg.query('SELECT response, sealed FROM idempotency_keys');
    expect(JSON.stringify(kept.rows)).not.toContain(first.body['secret'] as string);
    // Without a key, each POST creates (the header is optional).
    await create('/twice');
    await create('/twice');
    expect(await count('/twice')).toBe(2);
  });

  it('lets one of concurrent retries create; the others get the same answer or a 409', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => create('/race', key)));
    expect(await count('/race')).toBe(1);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body['id']));
    expect(ids.size).toBe(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const conflict = answers.find((a) => a.status === 409);
    if (conflict) expect(conflict.body['detail']).toMatch(/still being processed/);
  });

  it('refuses the key with another body (422) and keeps keys apart per caller and context', async () => {
    const key = randomUUID();
    expect((await create('/a', key)).status).toBe(201);
    const other = await create('/b', key);
    expect(other.status).toBe(422);
    expect(other.body['detail']).toMatch(/another request/);
    expect(await count('/b')).toBe(0);
    // The same key from another user, or from the same user in another context, is another key.
    expect((await create('/a', key, { userId: 'bruno' })).status).toBe(201);
    expect((await create('/a', key, { context: { ...CONTEXT, database: 'db-2' } })).status).toBe(
      201,
    );
    expect(await count('/a')).toBe(3);
  });

  it('forgets a key whose request failed, and a key after 24 h', async () => {
    const key = randomUUID();
    const bad = await post('/api/v1/webhooks', subscriptionBody('ftp://nowhere.example'), key);
    expect(bad.status).toBe(400);
    expect((await create('/fixed', key)).status).toBe(201);

    await suite.pg.query(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
      [key],
    );
    const later = await create('/fixed', key);
    expect(later.status).toBe(201);
    expect(later.replayed).toBeUndefined();
    expect(await count('/fixed')).toBe(2);
  });

  it('refuses a malformed key (400)', async () => {
    const res = await create('/malformed', 'two words');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Idempotency-Key');
    expect(await count('/malformed')).toBe(0);
  });

  it('answers a retried replay with the first count instead of replaying again', async () => {
    const { body } = await create('/replayed');
    const id = body['id'] as string;
    await suite.pg.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status,
         attempts, next_attempt_at, created_at, completed_at)
       VALUES ($1, 'e-1', 'license.created', now() - interval '1 hour', '{}', 'failed', 10,
               now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour')`,
      [id],
    );
    const key = randomUUID();
    const url = `/api/v1/webhooks/${id}/deliveries/replay`;
    const since = new Date(Date.now() - 7_200_000).toISOString();
    const first = await post(url, { since }, key);
    expect(first).toMatchObject({ status: 202, body: { scheduled: 1, hasMore: false } });
    expect(await post(url, { since }, key)).toEqual({ ...first, replayed: 'true' });
    const events = await suite.pg.query(
      "SELECT count(*)::int AS n FROM outbox_events WHERE type = 'webhook.deliveries_replayed' AND subject = $1",
      [id],
    );
    expect(events.rows).toEqual([{ n: 1 }]);
  });
});
