import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@platform/messaging';
import * as testKit from '@platform/testing';
import { createApp as createLicensing } from '../../apps/licensing/src/bootstrap';
import { startOauth, type OauthHarness } from '../../apps/oauth/src/e2e/harness';
import { platformAdmin, ServiceClient } from './support/domain-harness';

/*
 * Integrators' item 5: `Idempotency-Key` on the creates of services other than webhooks — oauth,
 * whose creates show a secret once (kept sealed with OAUTH_KEY_ENCRYPTION_KEY's cipher), and
 * licensing, which has no key and no secret to show (answers kept as they are).
 */

type Json = Record<string, unknown>;

describe('Idempotency-Key on oauth and licensing creates', () => {
  let oauth: OauthHarness;
  let licensing: NestFastifyApplication;
  let licensingDb: testKit.TestDatabase;
  let client: ServiceClient;

  beforeAll(async () => {
    oauth = await startOauth('oauth_idempotency', [], testKit);
    licensingDb = await testKit.createTestDatabase('licensing_idempotency');
    licensing = await createLicensing({
      bus: new InProcessBus(),
      env: {
        PORT: '0',
        DATABASE_URL: licensingDb.url,
        ASSERTION_PUBLIC_KEY: testKit.TEST_ASSERTION_KEYS.publicKey,
        LOG_LEVEL: 'silent',
      },
    });
    await licensing.listen({ port: 0, host: '127.0.0.1' });
    client = new ServiceClient(
      (await licensing.getUrl()).replace('[::1]', '127.0.0.1'),
      'licensing',
    );
  });
  afterAll(async () => {
    await oauth?.stop();
    await licensing?.close();
    await licensingDb?.drop();
  });

  async function adminPost(path: string, body: unknown, key: string) {
    const assertion = await testKit.assertionFor('oauth', {
      clientId: 'bootstrap-admin',
      scopes: ['platform.admin'],
    });
    const res = await fetch(`${oauth.base}${path}`, {
      method: 'POST',
      headers: {
        'x-platform-assertion': assertion,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Json,
      replayed: res.headers.get('idempotent-replayed'),
    };
  }
  const count = async (db: DataSource, sql: string, params: unknown[]): Promise<number> =>
    ((await db.query(sql, params)) as { n: number }[])[0]!.n;

  it('oauth: a retried client registration answers the same client_secret and registers one client', async () => {
    const key = randomUUID();
    const body = { name: `idem-${key}`, kind: 'service', scopes: ['users.suite'] };
    const first = await adminPost('/auth/oauth2/clients', body, key);
    expect(first.status).toBe(201);
    expect(typeof first.body['client_secret']).toBe('string');
    const again = await adminPost('/auth/oauth2/clients', body, key);
    expect(again).toEqual({ ...first, replayed: 'true' });
    const clients = 'SELECT count(*)::int AS n FROM oauth_clients WHERE name = $1';
    expect(await count(oauth.db, clients, [body.name])).toBe(1);
    // The kept answer is sealed: the one-time secret is not in the table in clear.
    const kept = (await oauth.db.query('SELECT response FROM idempotency_keys')) as Json[];
    expect(JSON.stringify(kept)).not.toContain(first.body['client_secret'] as string);

    const other = await adminPost('/auth/oauth2/clients', { ...body, name: 'another' }, key);
    expect(other.status).toBe(422);
  });

  it('oauth: concurrent retries of a client access token issue one token', async () => {
    const created = await adminPost(
      '/auth/oauth2/clients',
      { name: 'token-owner', kind: 'service', scopes: ['users.suite'] },
      randomUUID(),
    );
    const id = created.body['client_id'] as string;
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        adminPost(`/auth/oauth2/clients/${id}/tokens`, { scopes: ['users.suite'] }, key),
      ),
    );
    const tokens = new Set(
      answers.filter((a) => a.status === 201).map((a) => a.body['access_token']),
    );
    expect(tokens.size).toBe(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const listed = await oauth.admin('GET', `/auth/oauth2/clients/${id}/tokens`);
    expect(((await listed.json()) as unknown[]).length).toBe(1);
  });

  it('licensing (no key of its own): a retried system registration answers the same system', async () => {
    const key = randomUUID();
    const call = async () => {
      const res = await fetch(
        `${(await licensing.getUrl()).replace('[::1]', '127.0.0.1')}/licenses/v0.1/api/sistemas`,
        {
          method: 'POST',
          headers: {
            'x-platform-assertion': await testKit.assertionFor('licensing', platformAdmin()),
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify({ nome: 'Folha' }),
        },
      );
      return { status: res.status, body: (await res.json()) as Json };
    };
    const first = await call();
    expect(first.status).toBe(201);
    expect(await call()).toEqual(first);
    const db = licensing.get(DataSource);
    expect(await count(db, "SELECT count(*)::int AS n FROM systems WHERE nome = 'Folha'", [])).toBe(
      1,
    );
    // Without a key each POST is its own request.
    const plain = await client.call(platformAdmin(), 'POST', '/licenses/v0.1/api/sistemas', {
      nome: 'Folha',
    });
    expect(plain.status).toBe(201);
    expect(plain.body['id']).not.toBe(first.body['id']);
  });
});
