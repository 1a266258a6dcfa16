import {
  startReceiver,
  subscriptionBody,
  TestClock,
  waitFor,
  type Receiver,
  callApi,
  signers,
  webhooksSuite,
} from './harness';

/*
 * Security issue item 4 (a stored OAuth2 client secret follows the subscription to a new URL)
 * and item 9 (rotations within 24 h; admin changes on record). Two receivers on two origins:
 * `home`, which the secret was given for, and `other`, where an edit tries to send it.
 */

const HOUR = 3_600_000;
const CLIENT_SECRET = 'the-receivers-s3cr3t';

/** A receiver with an OAuth2 token endpoint at /token that hands out `tok-<origin>-<n>`. */
async function oauthReceiver(name: string): Promise<Receiver> {
  let issued = 0;
  return startReceiver((r, res) => {
    if (r.path !== '/token') return void res.writeHead(204).end();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: `tok-${name}-${++issued}`, expires_in: 3600 }));
  });
}

describe('webhooks: secrets go only where they were given for; rotations keep their grace', () => {
  let home: Receiver;
  let other: Receiver;
  const clock = new TestClock();
  const suite = webhooksSuite('webhooks_secrets', { clock, pg: true });
  beforeEach(async () => {
    clock.offsetMs = 0;
    home = await oauthReceiver('home');
    other = await oauthReceiver('other');
  });
  afterEach(async () => {
    await home.close();
    await other.close();
  });

  const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    callApi(suite.hooks, method, url, { payload });
  const withOAuth2 = (postbackUrl: string, oauth2: Record<string, unknown>) =>
    subscriptionBody(postbackUrl, {
      oauth2: { clientId: 'hooks-client', authType: 'client_secret_basic', ...oauth2 },
    });
  const basic = (secret: string): string =>
    `Basic ${Buffer.from(`hooks-client:${secret}`).toString('base64')}`;

  it('refuses an edit to another postback origin or token URL that leaves the OAuth2 secret out', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      withOAuth2(`${home.url}/hook`, {
        tokenUrl: `${home.url}/token`,
        clientSecret: CLIENT_SECRET,
      }),
    );
    expect(created.status).toBe(201);
    const url = `/api/v1/webhooks/${created.body['id'] as string}`;

    const moved = await call(
      'PUT',
      url,
      withOAuth2(`${other.url}/hook`, { tokenUrl: `${home.url}/token` }),
    );
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toMatch(/oauth2\.clientSecret.*postbackUrl origin changes/);
    const newTokenUrl = await call(
      'PUT',
      url,
      withOAuth2(`${home.url}/hook`, { tokenUrl: `${other.url}/token` }),
    );
    expect(newTokenUrl.status).toBe(400);
    expect(JSON.stringify(newTokenUrl.body)).toMatch(/oauth2\.clientSecret.*tokenUrl changes/);

    // Same origin and token URL: the stored secret stays, and a test ping still reaches home only.
    expect(
      (await call('PUT', url, withOAuth2(`${home.url}/v2/hook`, { tokenUrl: `${home.url}/token` })))
        .status,
    ).toBe(200);
    expect((await call('POST', `${url}/test`)).status).toBe(202);
    const ping = await waitFor(
      () => home.received.find((r) => r.path === '/v2/hook'),
      10_000,
      'the ping',
    );
    expect(ping.headers['authorization']).toBe('Bearer tok-home-1');
    expect(home.received.find((r) => r.path === '/token')!.headers['authorization']).toBe(
      basic(CLIENT_SECRET),
    );

    // Given again, the move is accepted: the new secret buys the new token; the old one never left home.
    const given = withOAuth2(`${other.url}/hook`, {
      tokenUrl: `${other.url}/token`,
      clientSecret: 'another-secret',
    });
    expect((await call('PUT', url, given)).status).toBe(200);
    expect((await call('POST', `${url}/test`)).status).toBe(202);
    const there = await waitFor(
      () => other.received.find((r) => r.path === '/hook'),
      10_000,
      'the moved ping',
    );
    expect(there.headers['authorization']).toBe('Bearer tok-other-1');
    expect(other.received.find((r) => r.path === '/token')!.headers['authorization']).toBe(
      basic('another-secret'),
    );
    expect(JSON.stringify(other.received)).not.toMatch(/tok-home|the-receivers-s3cr3t/);
    expect(JSON.stringify(other.received)).not.toContain(
      Buffer.from(`hooks-client:${CLIENT_SECRET}`).toString('base64'),
    );
  });

  it('never opens a stored OAuth2 secret for a postback origin it was not given for, whatever changed the row', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      withOAuth2(`${home.url}/hook`, {
        tokenUrl: `${home.url}/token`,
        clientSecret: CLIENT_SECRET,
      }),
    );
    const id = created.body['id'] as string;
    // A path that skips the API's check (a bug, a manual fix in the database) moves the URL.
    await suite.pg.query(
      'UPDATE webhook_subscriptions SET postback_url = $2, updated_at = now() WHERE id = $1',
      [id, `${other.url}/hook`],
    );
    expect((await call('POST', `/api/v1/webhooks/${id}/test`)).status).toBe(202);
    const attempt = await waitFor(
      async () =>
        (
          await suite.pg.query('SELECT error FROM webhook_attempts WHERE subscription_id = $1', [
            id,
          ])
        ).rows[0] as { error: string } | undefined,
      10_000,
      'the failed attempt',
    );
    expect(attempt.error).toMatch(/given for another postback origin or token URL/);
    expect(other.received).toEqual([]);
    expect(home.received.filter((r) => r.path === '/token')).toEqual([]);
  });

  it('keeps every rotated-out secret signing for its own 24 h, and no longer (injectable clock)', async () => {
    const created = await call('POST', '/api/v1/webhooks', subscriptionBody(`${home.url}/hook`));
    const url = `/api/v1/webhooks/${created.body['id'] as string}`;
    const secrets = [created.body['secret'] as string];
    const rotate = async (): Promise<void> => {
      const res = await call('POST', `${url}/secret/rotate`);
      expect(res.status).toBe(200);
      secrets.push(res.body['secret'] as string);
    };
    // The ping this call sent (its webhook-id is the delivery's event id): a late resend of the
    // previous one (at-least-once) must not be read as it.
    const signedBy = async (): Promise<number[]> => {
      const sent = await call('POST', `${url}/test`);
      expect(sent.status).toBe(202);
      const id = sent.body['eventId'] as string;
      const ping = await waitFor(
        () => home.received.find((r) => r.headers['webhook-id'] === id),
        10_000,
        'the ping',
      );
      return signers(ping, secrets);
    };
    await rotate(); // t0: secret 0 retires until t0 + 24 h
    clock.offsetMs = 12 * HOUR;
    await rotate(); // t0 + 12 h: secret 1 retires until t0 + 36 h; secret 0 keeps its own end
    expect(await signedBy()).toEqual([0, 1, 2]);
    clock.offsetMs = 24 * HOUR + 60_000;
    expect(await signedBy()).toEqual([1, 2]);
    clock.offsetMs = 36 * HOUR + 60_000;
    expect(await signedBy()).toEqual([2]);
  });

  it('caps the secrets in their grace period: the eleventh rotation in a day waits (409)', async () => {
    const created = await call('POST', '/api/v1/webhooks', subscriptionBody(`${home.url}/hook`));
    const url = `/api/v1/webhooks/${created.body['id'] as string}/secret/rotate`;
    for (let i = 0; i < 10; i++) expect((await call('POST', url)).status).toBe(200);
    const refused = await call('POST', url);
    expect(refused.status).toBe(409);
    expect(String(refused.body['detail'])).toMatch(/rotate again after/);
    clock.offsetMs = 24 * HOUR + 60_000;
    expect((await call('POST', url)).status).toBe(200);
  });

  it('records each change of a subscription as an event, with no secret in it', async () => {
    const body = subscriptionBody(`${home.url}/hook?token=query-s3cr3t`, {
      clientHeaders: { authorization: 'Bearer header-s3cr3t' },
      oauth2: {
        tokenUrl: `${home.url}/token`,
        clientId: 'c',
        clientSecret: CLIENT_SECRET,
        authType: 'client_secret_post',
      },
    });
    const created = await call('POST', '/api/v1/webhooks', body);
    const id = created.body['id'] as string;
    const url = `/api/v1/webhooks/${id}`;
    const { oauth2, ...withoutOAuth2 } = body;
    expect(oauth2).toBeDefined();
    expect((await call('PUT', url, { ...withoutOAuth2, action: '*' })).status).toBe(200);
    expect((await call('POST', `${url}/secret/rotate`)).status).toBe(200);
    expect((await call('DELETE', url)).status).toBe(204);
    const rows = (
      await suite.pg.query(
        'SELECT type, data FROM outbox_events WHERE subject = $1 ORDER BY sequence',
        [id],
      )
    ).rows as { type: string; data: Record<string, unknown> }[];
    expect(rows.map((r) => r.type)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.secret_rotated',
      'webhook.deleted',
    ]);
    const actor = {
      id,
      entity: 'ent-1',
      database: 'db-1',
      actorClient: 'test-client',
      actorUser: 'alice',
    };
    for (const r of rows) expect(r.data).toMatchObject(actor);
    expect(rows[0]!.data).toMatchObject({
      action: 'license.created',
      actions: ['license.created'],
      postbackUrl: `${home.url}/hook`,
    });
    // `changed` names the stored field: a PUT of `action` changes the list of types, `actions`.
    expect(rows[1]!.data['changed']).toEqual(['actions', 'oauth2']);
    const text = JSON.stringify(rows);
    for (const secret of ['s3cr3t', created.body['secret'] as string, 'whsec_'])
      expect(text).not.toContain(secret);
  });
});
