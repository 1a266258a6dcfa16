import { Webhook } from 'standardwebhooks';
import {
  as,
  CONTEXT,
  subscriptionBody,
  TestClock,
  licenseCreated,
  waitFor,
  type Received,
  signers,
  webhooksSuite,
} from './harness';

const isLicenseCreated = (r: Received): boolean =>
  (JSON.parse(r.body) as { action: string }).action === 'license.created';

interface Created {
  id: string;
  secret: string;
  clientHeaders: Record<string, string>;
  [k: string]: unknown;
}

describe('webhooks: subscriptions and deliveries over a real loopback receiver', () => {
  const clock = new TestClock();
  const suite = webhooksSuite('webhooks_delivery', { clock, pg: true, receiver: 'each' });
  beforeEach(() => {
    clock.offsetMs = 0;
  });

  async function create(body: Record<string, unknown>, principal = {}): Promise<Created> {
    const res = await suite.hooks.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: await as(principal),
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    return res.json<Created>();
  }

  const publish = (...events: ReturnType<typeof licenseCreated>[]): Promise<void> =>
    suite.hooks.bus.publish(events);

  it('signs each delivery with Standard Webhooks and sends the client headers; GET never shows secrets', async () => {
    const s = await create(
      subscriptionBody(`${suite.receiver.url}/hook`, {
        clientHeaders: { apiKey: 'k-1', token: 'abc123' },
      }),
    );
    expect(s.secret).toMatch(/^whsec_/);
    const event = licenseCreated(CONTEXT.entity);
    await publish(event);
    const got = await waitFor(() => suite.receiver.received[0], 10_000, 'the delivery');
    const verified = new Webhook(s.secret).verify(got.body, got.headers) as Record<string, unknown>;
    expect(verified).toEqual({
      id: event.id,
      action: 'license.created',
      date: event.time,
      data: event.data,
    });
    expect(got.headers['webhook-id']).toBe(event.id);
    expect(got.headers['apikey']).toBe('k-1');
    expect(got.headers['token']).toBe('abc123');
    expect(got.headers['content-type']).toBe('application/json;charset=utf-8');

    const read = await suite.hooks.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${s.id}`,
      headers: await as(),
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('abc123');
    expect(read.body).not.toContain(s.secret);
    expect(read.json<Created>().clientHeaders).toEqual({ apiKey: '********', token: '********' });
    const stored = await suite.pg.query(
      'SELECT secret_enc, client_headers_enc FROM webhook_subscriptions WHERE id = $1',
      [s.id],
    );
    expect(JSON.stringify(stored.rows)).not.toContain('abc123');
  });

  it('PUT replaces the client headers: the next delivery carries the rotated token (004_*)', async () => {
    const s = await create(
      subscriptionBody(suite.receiver.url, {
        clientHeaders: { token: 'abc123', 'content-type': 'application/json' },
      }),
    );
    await publish(licenseCreated(CONTEXT.entity, 1));
    await waitFor(() => suite.receiver.received.length === 1, 10_000, 'first delivery');
    const put = await suite.hooks.app.inject({
      method: 'PUT',
      url: `/api/v1/webhooks/${s.id}`,
      headers: await as(),
      payload: subscriptionBody(suite.receiver.url, {
        clientHeaders: { token: 'zxy321', 'content-type': 'application/json' },
      }),
    });
    expect(put.statusCode).toBe(200);
    await publish(licenseCreated(CONTEXT.entity, 2));
    await waitFor(() => suite.receiver.received.length === 2, 10_000, 'second delivery');
    expect(suite.receiver.received.map((r) => r.headers['token'])).toEqual(['abc123', 'zxy321']);
    expect(suite.receiver.received[1]!.headers['content-type']).toBe('application/json');
  });

  it('retries a failing receiver with the same event id and logs every attempt', async () => {
    let calls = 0;
    suite.receiver.handler = (_r, res) =>
      res.writeHead(++calls < 3 ? 500 : 200).end(calls < 3 ? 'boom' : 'ok');
    const s = await create(subscriptionBody(suite.receiver.url));
    const event = licenseCreated(CONTEXT.entity);
    await publish(event);
    await waitFor(() => suite.receiver.received.length === 3, 10_000, 'three attempts');
    expect(new Set(suite.receiver.received.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([event.id]),
    );
    expect(
      new Set(suite.receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id)),
    ).toEqual(new Set([event.id]));
    const log = await waitFor(
      async () => {
        const res = await suite.hooks.app.inject({
          method: 'GET',
          url: `/api/v1/webhooks/${s.id}/deliveries`,
          headers: await as(),
        });
        const page = res.json<{
          content: { status: string; attemptLog: { statusCode: number; responseBody: string }[] }[];
        }>();
        return page.content[0]?.status === 'succeeded' ? page.content[0] : undefined;
      },
      5_000,
      'delivery marked succeeded',
    );
    expect(log.attemptLog.map((a) => a.statusCode)).toEqual([200, 500, 500]);
    expect(log.attemptLog[2]!.responseBody).toBe('boom');
  });

  it('manual retry resends a delivered event with the same id; test pings are signed too', async () => {
    const s = await create(subscriptionBody(suite.receiver.url));
    const ping = await suite.hooks.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${s.id}/test`,
      headers: await as(),
    });
    expect(ping.statusCode).toBe(202);
    const first = await waitFor(() => suite.receiver.received[0], 10_000, 'the test ping');
    expect(
      (new Webhook(s.secret).verify(first.body, first.headers) as { action: string }).action,
    ).toBe('webhook.test');
    const deliveryId = ping.json<{ id: string }>().id;
    await waitFor(
      async () =>
        (
          await suite.pg.query(
            "SELECT 1 FROM webhook_deliveries WHERE id = $1 AND status = 'succeeded'",
            [deliveryId],
          )
        ).rowCount,
      5_000,
    );
    const retry = await suite.hooks.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${s.id}/deliveries/${deliveryId}/retry`,
      headers: await as(),
    });
    expect(retry.statusCode).toBe(202);
    await waitFor(() => suite.receiver.received.length === 2, 10_000, 'the retried delivery');
    expect(suite.receiver.received[1]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  /** Rotates the subscription's secret: the new one, and when the old one stops signing. */
  async function rotate(id: string): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const rotated = await suite.hooks.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${id}/secret/rotate`,
      headers: await as(),
    });
    expect(rotated.statusCode).toBe(200);
    return rotated.json();
  }

  it('after a secret rotation both secrets sign for 24 h', async () => {
    const s = await create(subscriptionBody(suite.receiver.url));
    const { secret } = await rotate(s.id);
    await publish(licenseCreated(CONTEXT.entity));
    const got = await waitFor(() => suite.receiver.received[0], 10_000, 'the delivery');
    expect(got.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(got.body, got.headers)).not.toThrow();
    expect(() => new Webhook(s.secret).verify(got.body, got.headers)).not.toThrow();
  });

  it('after the 24 h grace, the rotated-out secret signs no delivery (injectable clock)', async () => {
    const s = await create(subscriptionBody(suite.receiver.url));
    const { secret, previousSecretExpiresAt } = await rotate(s.id);
    // The grace ends 24 h after the rotation; a minute past it, the clock says it is over.
    clock.offsetMs = Date.parse(previousSecretExpiresAt) - Date.now() + 60_000;
    await publish(licenseCreated(CONTEXT.entity));
    const got = await waitFor(() => suite.receiver.received[0], 10_000, 'the delivery');
    expect(got.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    // Signed at the clock's time, a day ahead: checked without Standard Webhooks' time window.
    expect(signers(got, [s.secret, secret])).toEqual([1]);
  });

  it('fetches an OAuth2 token by client credentials, caches it, and fetches a new one after a 401', async () => {
    let issued = 0;
    let accepted = 'none';
    const tokenRequests: { authorization?: string; body: string }[] = [];
    suite.receiver.handler = (r, res) => {
      if (r.path === '/token') {
        tokenRequests.push({ authorization: r.headers['authorization'], body: r.body });
        accepted = `tok-${++issued}`;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: accepted, token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      res.writeHead(r.headers['authorization'] === `Bearer ${accepted}` ? 200 : 401).end();
    };
    await create(
      subscriptionBody(`${suite.receiver.url}/hook`, {
        oauth2: {
          tokenUrl: `${suite.receiver.url}/token`,
          clientId: 'my client',
          clientSecret: 's3cr3t',
          scope: 'hooks',
          authType: 'client_secret_basic',
        },
      }),
    );
    await publish(licenseCreated(CONTEXT.entity, 1));
    await publish(licenseCreated(CONTEXT.entity, 2));
    await waitFor(
      () => suite.receiver.received.filter((r) => r.path === '/hook').length === 2,
      10_000,
      'two deliveries',
    );
    expect(tokenRequests).toHaveLength(1); // cached
    expect(tokenRequests[0]!.authorization).toBe(
      `Basic ${Buffer.from('my%20client:s3cr3t').toString('base64')}`,
    );
    expect(tokenRequests[0]!.body).toBe('grant_type=client_credentials&scope=hooks');
    accepted = 'revoked-by-receiver';
    await publish(licenseCreated(CONTEXT.entity, 3));
    await waitFor(
      () =>
        suite.receiver.received.filter(
          (r) => r.path === '/hook' && r.headers['authorization'] === 'Bearer tok-2',
        ).length === 1,
      10_000,
      'the retry with a new token',
    );
    expect(tokenRequests).toHaveLength(2);
  });

  it('410 Gone disables the subscription and emits webhook.disabled', async () => {
    suite.receiver.handler = (_r, res) => res.writeHead(410).end();
    const s = await create(subscriptionBody(suite.receiver.url));
    await publish(licenseCreated(CONTEXT.entity));
    await waitFor(
      async () =>
        (
          await suite.pg.query(
            "SELECT 1 FROM webhook_subscriptions WHERE id = $1 AND status = 'disabled'",
            [s.id],
          )
        ).rowCount,
      10_000,
      'disabled',
    );
    const events = await suite.pg.query(
      "SELECT type, data FROM outbox_events WHERE type = 'webhook.disabled' AND subject = $1",
      [s.id],
    );
    expect(events.rows).toHaveLength(1);
    expect((events.rows[0] as { data: { reason: string } }).data.reason).toMatch(/410/);
    await publish(licenseCreated(CONTEXT.entity, 9));
    await new Promise((r) => setTimeout(r, 300));
    expect(suite.receiver.received).toHaveLength(1);
  });

  it('disables a subscription after 7 days of nothing but failures (injectable clock)', async () => {
    suite.receiver.handler = (_r, res) => res.writeHead(500).end();
    const s = await create(subscriptionBody(suite.receiver.url));
    await publish(licenseCreated(CONTEXT.entity, 1));
    await waitFor(() => suite.receiver.received.length >= 2, 10_000, 'failures');
    const status = async (): Promise<string> =>
      (
        (await suite.pg.query('SELECT status FROM webhook_subscriptions WHERE id = $1', [s.id]))
          .rows[0] as { status: string }
      ).status;
    expect(await status()).toBe('active');
    clock.offsetMs = 7 * 24 * 3_600_000 + 60_000;
    await publish(licenseCreated(CONTEXT.entity, 2));
    await waitFor(async () => (await status()) === 'disabled', 10_000, 'auto-disable');
    const events = await suite.pg.query(
      "SELECT data FROM outbox_events WHERE type = 'webhook.disabled' AND subject = $1",
      [s.id],
    );
    expect((events.rows[0] as { data: { reason: string } }).data.reason).toMatch(/7 days/);
  });

  it('matches events by context and action; platform-wide subscriptions see every context', async () => {
    const mine = await create(subscriptionBody(`${suite.receiver.url}/mine`));
    await create(subscriptionBody(`${suite.receiver.url}/all`, { action: '*' }), {
      context: undefined,
      scopes: ['webhooks.suite', 'platform.admin'],
    });
    await create(subscriptionBody(`${suite.receiver.url}/other`), {
      context: { ...CONTEXT, entity: 'ent-2' },
    });
    await publish(licenseCreated(CONTEXT.entity, 1), licenseCreated('ent-3', 2));
    await waitFor(
      () => suite.receiver.received.filter(isLicenseCreated).length >= 3,
      10_000,
      'deliveries',
    );
    await new Promise((r) => setTimeout(r, 300));
    // The '*' one also gets the platform's own events (webhook.disabled of earlier tests): count license.created.
    const paths = suite.receiver.received
      .filter(isLicenseCreated)
      .map((r) => r.path)
      .sort();
    expect(paths).toEqual(['/all', '/all', '/mine']);
    const other = await suite.hooks.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${mine.id}`,
      headers: await as({ context: { ...CONTEXT, entity: 'ent-2' } }),
    });
    expect(other.statusCode).toBe(404);
    const list = await suite.hooks.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks?filter=${encodeURIComponent("postbackUrl like '%/mine' or postbackUrl like '%/other'")}`,
      headers: await as(),
    });
    expect(list.statusCode).toBe(200);
    const page = list.json<{ content: { id: string }[]; hasNext: boolean }>();
    expect(page.content.map((c) => c.id)).toEqual([mine.id]);
  });

  it('refuses bad input with problem+json 400s', async () => {
    const bad = async (body: Record<string, unknown>): Promise<string> => {
      const res = await suite.hooks.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: await as(),
        payload: body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.body;
    };
    expect(
      await bad(
        subscriptionBody(suite.receiver.url, { clientHeaders: { 'x-a': 'v\r\nx-injected: 1' } }),
      ),
    ).toContain('CR/LF');
    expect(
      await bad(subscriptionBody(suite.receiver.url, { clientHeaders: { Host: 'evil' } })),
    ).toContain('may not be set');
    expect(
      await bad(
        subscriptionBody(suite.receiver.url, { clientHeaders: { 'webhook-signature': 'x' } }),
      ),
    ).toContain('may not be set');
    expect(await bad(subscriptionBody(suite.receiver.url, { action: 'nope.nothing' }))).toContain(
      'action',
    );
    expect(await bad(subscriptionBody('ftp://x.example'))).toContain('postbackUrl');
    expect(await bad(subscriptionBody(suite.receiver.url, { timeoutMs: 30_001 }))).toContain(
      'timeoutMs',
    );
    const notUuid = await suite.hooks.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/not-a-uuid',
      headers: await as(),
    });
    expect(notUuid.statusCode).toBe(400);
  });
});
