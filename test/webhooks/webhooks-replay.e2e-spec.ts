import { randomUUID } from 'node:crypto';
import { MAX_REPLAY_PER_CALL } from '../../apps/webhooks/src/deliveries/usecases/replay-deliveries.usecase';
import { CONTEXT, subscriptionBody, waitFor, callApi, webhooksSuite } from './harness';

/*
 * Integrators' item 5: bulk replay of a subscription's failed deliveries since a time
 * (`POST /api/v1/webhooks/{id}/deliveries/replay`), as Svix's "recover" and Convoy's batch retry.
 */

type Json = Record<string, unknown>;
type Status = 'pending' | 'succeeded' | 'failed';
const HOUR = 3_600_000;

describe('webhooks: bulk replay of failed deliveries', () => {
  const suite = webhooksSuite('webhooks_replay', { pg: true, receiver: 'each' });
  const base = Date.now() - 10 * HOUR;
  const at = (hours: number): Date => new Date(base + hours * HOUR);

  const call = (method: 'POST' | 'PUT', url: string, payload?: object, principal = {}) =>
    // Status and body only: the assertions below compare the whole answer.
    callApi(suite.hooks, method, url, { principal, payload }).then(({ status, body }) => ({
      status,
      body,
    }));
  async function subscribe(extra: Json = {}): Promise<string> {
    const res = await call('POST', '/api/v1/webhooks', subscriptionBody(suite.receiver.url, extra));
    expect(res.status).toBe(201);
    return res.body['id'] as string;
  }
  /** A delivery as the engine leaves it, made at `createdAt`; resolves to its event id. */
  async function delivery(subscription: string, status: Status, createdAt: Date): Promise<string> {
    const eventId = randomUUID();
    const next = status === 'pending' ? new Date(Date.now() + 24 * HOUR) : createdAt;
    await suite.pg.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status,
         attempts, next_attempt_at, created_at, completed_at, last_status_code)
       VALUES ($1, $2, 'license.created', $3, $4, $5, $6, $7, $3, $8, $9)`,
      [
        subscription,
        eventId,
        createdAt,
        JSON.stringify({ id: eventId, action: 'license.created', date: createdAt, data: {} }),
        status,
        status === 'pending' ? 1 : 10,
        next,
        status === 'pending' ? null : createdAt,
        status === 'succeeded' ? 204 : 500,
      ],
    );
    return eventId;
  }
  const statusOf = async (eventId: string) =>
    (
      (
        await suite.pg.query(
          'SELECT status, next_attempt_at FROM webhook_deliveries WHERE event_id = $1',
          [eventId],
        )
      ).rows as { status: Status; next_attempt_at: Date }[]
    )[0]!;
  const replay = (id: string, body: Json, principal = {}) =>
    call('POST', `/api/v1/webhooks/${id}/deliveries/replay`, body, principal);
  const receivedIds = (): string[] => suite.receiver.received.map((r) => r.headers['webhook-id']!);

  it('re-attempts the failed deliveries of the window once each; pending, succeeded and outside ones stay as they are', async () => {
    const id = await subscribe();
    const before = await delivery(id, 'failed', at(1));
    const inside = [await delivery(id, 'failed', at(2)), await delivery(id, 'failed', at(3))];
    const pending = await delivery(id, 'pending', at(2.5));
    const succeeded = await delivery(id, 'succeeded', at(2.5));
    const after = await delivery(id, 'failed', at(5));
    const pendingDue = (await statusOf(pending)).next_attempt_at.getTime();

    const res = await replay(id, { since: at(2).toISOString(), until: at(4).toISOString() });
    expect(res).toEqual({ status: 202, body: { scheduled: 2, hasMore: false } });
    await waitFor(() => receivedIds().length >= 2, 10_000, 'the replayed deliveries');
    await new Promise((r) => setTimeout(r, 300));
    expect(receivedIds().sort()).toEqual([...inside].sort());
    for (const e of inside) expect((await statusOf(e)).status).toBe('succeeded');
    expect((await statusOf(before)).status).toBe('failed');
    expect((await statusOf(after)).status).toBe('failed');
    expect(await statusOf(pending)).toEqual({
      status: 'pending',
      next_attempt_at: new Date(pendingDue),
    });
    expect((await statusOf(succeeded)).status).toBe('succeeded');

    // Replaying again finds nothing failed in the window: nothing is sent twice.
    expect(
      (await replay(id, { since: at(2).toISOString(), until: at(4).toISOString() })).body,
    ).toEqual({
      scheduled: 0,
      hasMore: false,
    });
    // Without `until`, the window runs to now.
    expect((await replay(id, { since: at(4).toISOString() })).body).toEqual({
      scheduled: 1,
      hasMore: false,
    });
    await waitFor(() => receivedIds().includes(after), 10_000, 'the last one');
    expect(receivedIds()).toHaveLength(3);
  });

  it('records each replay as webhook.deliveries_replayed, and lets only a context admin replay', async () => {
    const id = await subscribe();
    await delivery(id, 'failed', at(1));
    expect(
      (
        await replay(
          id,
          { since: at(0).toISOString() },
          { context: { ...CONTEXT, role: 'technician' } },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await replay(
          id,
          { since: at(0).toISOString() },
          { context: { ...CONTEXT, database: 'db-2' } },
        )
      ).status,
    ).toBe(404);
    expect((await replay(id, { since: at(0).toISOString() })).status).toBe(202);
    const events = await suite.pg.query(
      "SELECT data FROM outbox_events WHERE type = 'webhook.deliveries_replayed' AND subject = $1",
      [id],
    );
    expect(events.rows).toEqual([
      {
        data: {
          id,
          entity: CONTEXT.entity,
          database: CONTEXT.database,
          actorClient: 'test-client',
          actorUser: 'alice',
          requestId: 'test-request',
          since: at(0).toISOString(),
          scheduled: 1,
          hasMore: false,
        },
      },
    ]);
  });

  it('refuses a subscription that is not active (409) and a window that is not one (400)', async () => {
    const id = await subscribe({ status: 'inactive' });
    await delivery(id, 'failed', at(1));
    const inactive = await replay(id, { since: at(0).toISOString() });
    expect(inactive.status).toBe(409);
    expect(inactive.body['detail']).toMatch(/inactive: enable it first/);
    const active = await subscribe();
    for (const bad of [
      {},
      { since: 'yesterday' },
      { since: at(3).toISOString(), until: at(2).toISOString() },
      { since: new Date(Date.now() + HOUR).toISOString() },
      { since: at(0).toISOString(), extra: 1 },
    ]) {
      const res = await replay(active, bad);
      expect([JSON.stringify(bad), res.status]).toEqual([JSON.stringify(bad), 400]);
    }
  });

  it('sends replayed deliveries within the rate limit: they wait, none is dropped', async () => {
    const id = await subscribe({ rateLimit: { requests: 2, perSeconds: 1 } });
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await delivery(id, 'failed', at(1)));
    expect((await replay(id, { since: at(0).toISOString() })).body).toEqual({
      scheduled: 6,
      hasMore: false,
    });
    await waitFor(() => receivedIds().length >= 6, 15_000, 'six deliveries');
    const times = suite.receiver.received.map((r) => r.at).sort((x, y) => x - y);
    // 800 ms windows, as webhooks-isolation does: a send trails its claim on a loaded machine.
    const worst = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 800).length));
    expect(worst).toBeLessThanOrEqual(2);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(2_000);
    expect(receivedIds().sort()).toEqual(ids.sort());
  }, 30_000);

  it(`schedules at most ${MAX_REPLAY_PER_CALL} per call, oldest first, and says when more are left`, async () => {
    // One send a day: the scheduled ones wait rather than flood the test machine.
    const id = await subscribe({ rateLimit: { requests: 1, perSeconds: 86_400 } });
    await suite.pg.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status,
         attempts, next_attempt_at, created_at, completed_at)
       SELECT $1, 'bulk-' || n, 'license.created', $2::timestamptz + n * interval '1 ms', '{}', 'failed', 10,
              $2, $2::timestamptz + n * interval '1 ms', $2
         FROM generate_series(1, $3) AS n`,
      [id, at(1), MAX_REPLAY_PER_CALL + 1],
    );
    const first = await replay(id, { since: at(0).toISOString() });
    expect(first.body).toEqual({ scheduled: MAX_REPLAY_PER_CALL, hasMore: true });
    const left = await suite.pg.query(
      "SELECT event_id FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'failed'",
      [id],
    );
    expect(left.rows).toEqual([{ event_id: `bulk-${MAX_REPLAY_PER_CALL + 1}` }]);
    expect((await replay(id, { since: at(0).toISOString() })).body).toEqual({
      scheduled: 1,
      hasMore: false,
    });
  }, 30_000);
});
