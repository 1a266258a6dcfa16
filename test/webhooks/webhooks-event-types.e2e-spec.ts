import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventDefinitions, type EventTypeDoc } from '@platform/contracts';
import { messagingMigrations } from '@platform/messaging';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { Webhooks1764000000000 } from '../../apps/webhooks/src/migrations/1764000000000-webhooks';
import { RetiringSecrets1764100000000 } from '../../apps/webhooks/src/migrations/1764100000000-retiring-secrets';
import { binding } from '../../apps/webhooks/src/engine/subscription-secrets';
import { SecretBox } from '@platform/auth';
import {
  as,
  bootWebhooks,
  CONTEXT,
  domainEvent,
  ENCRYPTION_KEY,
  licenseCreated,
  startReceiver,
  subscriptionBody,
  waitFor,
  webhooksEnv,
  type Receiver,
  type WebhooksInstance,
  callApi,
  webhooksSuite,
} from './harness';

/*
 * Integrators' item 5 (spec §9): a subscription names several event types, and subscribers read
 * the catalogue of types with a JSON Schema and an example of each `data`.
 */

type Json = Record<string, unknown>;
const D2 = { ...CONTEXT, database: 'db-2' };

/** `license.<kind>` of a context: an event only that context's subscriptions receive. */
const license = (kind: string, n: number, database = CONTEXT.database) =>
  domainEvent(`license.${kind}`, CONTEXT.entity, {
    ...licenseCreated(CONTEXT.entity, n, database).data,
    id: `license-${kind}-${n}`,
  });

describe('webhooks: several event types per subscription, and the event-type catalogue', () => {
  const suite = webhooksSuite('webhooks_event_types', { receiver: 'suite' });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, principal = {}) =>
    callApi(suite.hooks, method, url, { principal, payload });
  /** The license events a path received (a `*` one also gets the webhook.* changes made here). */
  const received = (path: string): string[] =>
    suite.receiver.received
      .filter((r) => r.path === path)
      .map((r) => (JSON.parse(r.body) as { action: string }).action)
      .filter((action) => action.startsWith('license.'))
      .sort();

  it('delivers to a subscription of several types exactly those types, of its own context', async () => {
    const both = await call(
      'POST',
      '/api/v1/webhooks',
      subscriptionBody(`${suite.receiver.url}/both`, {
        action: undefined,
        actions: ['license.revoked', 'license.created', 'license.created'],
      }),
    );
    expect(both.status).toBe(201);
    // Sorted, without repeats; `action` (the 004_* single type) is null with several.
    expect(both.body).toMatchObject({
      actions: ['license.created', 'license.revoked'],
      action: null,
    });
    const every = await call(
      'POST',
      '/api/v1/webhooks',
      subscriptionBody(`${suite.receiver.url}/every`, { action: '*' }),
    );
    expect(every.body).toMatchObject({ actions: ['*'], action: '*' });
    const one = await call(
      'POST',
      '/api/v1/webhooks',
      subscriptionBody(`${suite.receiver.url}/one`),
    );
    expect(one.body).toMatchObject({ actions: ['license.created'], action: 'license.created' });

    await suite.hooks.bus.publish([
      license('created', 1),
      license('revoked', 2),
      license('updated', 3),
      license('created', 4, D2.database), // another database of the same entity
    ]);
    await waitFor(() => received('/every').length >= 3, 10_000, 'deliveries to *');
    await waitFor(() => received('/both').length >= 2, 10_000, 'deliveries to both');
    await new Promise((r) => setTimeout(r, 300));
    expect(received('/both')).toEqual(['license.created', 'license.revoked']);
    expect(received('/one')).toEqual(['license.created']);
    expect(received('/every')).toEqual(['license.created', 'license.revoked', 'license.updated']);
  });

  it('takes action or actions, both only when they agree; names the unknown types and the known ones', async () => {
    const body = (extra: Json) => subscriptionBody(`${suite.receiver.url}/v`, extra);
    expect(
      (await call('POST', '/api/v1/webhooks', body({ actions: ['license.created'] }))).status,
    ).toBe(201);
    const disagree = await call(
      'POST',
      '/api/v1/webhooks',
      body({ actions: ['license.revoked', 'license.created'] }),
    );
    expect(disagree.status).toBe(400);
    expect(disagree.type).toContain('application/problem+json');
    expect(JSON.stringify(disagree.body)).toMatch(/action and actions disagree/);

    const unknown = await call(
      'POST',
      '/api/v1/webhooks',
      body({ action: undefined, actions: ['license.created', 'licence.created'] }),
    );
    expect(unknown.status).toBe(400);
    const errors = unknown.body['errors'] as { field: string; messages: string[] }[];
    const message = errors.find((e) => e.field === 'actions')!.messages.join(' ');
    expect(message).toContain("'licence.created'");
    for (const d of eventDefinitions()) expect(message).toContain(d.type);

    for (const bad of [
      { action: undefined },
      { action: undefined, actions: [] },
      { action: undefined, actions: ['*', 'license.created'] },
      { action: undefined, actions: 'license.created' },
      { action: 'nope.nothing' },
    ]) {
      const res = await call('POST', '/api/v1/webhooks', body(bad));
      expect([res.status, JSON.stringify(bad)]).toEqual([400, JSON.stringify(bad)]);
    }
  });

  it('PUT moves a subscription between one type and several; the list filter reads `action`', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      subscriptionBody(`${suite.receiver.url}/p`),
    );
    const url = `/api/v1/webhooks/${created.body['id'] as string}`;
    const several = await call(
      'PUT',
      url,
      subscriptionBody(`${suite.receiver.url}/p`, {
        action: undefined,
        actions: ['access.granted', 'license.created'],
      }),
    );
    expect(several.status).toBe(200);
    expect((await call('GET', url)).body).toMatchObject({
      actions: ['access.granted', 'license.created'],
      action: null,
    });
    const filtered = await call(
      'GET',
      `/api/v1/webhooks?limit=100&filter=${encodeURIComponent("action = 'access.granted,license.created'")}`,
    );
    expect((filtered.body['content'] as Json[]).map((s) => s['id'])).toEqual([created.body['id']]);
    expect(
      (await call('PUT', url, subscriptionBody(`${suite.receiver.url}/p`))).body,
    ).toMatchObject({
      actions: ['license.created'],
      action: 'license.created',
    });
  });

  describe('GET /api/v1/event-types', () => {
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

    it('lists every event type and webhook.test, each with a description, topic, JSON Schema and a valid example', async () => {
      // Types are not data of a context: any webhooks.suite caller reads them, no User-Access.
      const res = await call('GET', '/api/v1/event-types', undefined, { context: undefined });
      expect(res.status).toBe(200);
      const content = res.body['content'] as EventTypeDoc[];
      expect(content.map((t) => t.type).sort()).toEqual(
        [...eventDefinitions().map((d) => d.type), 'webhook.test'].sort(),
      );
      for (const t of content) {
        expect([t.type, typeof t.description, t.description.length > 0]).toEqual([
          t.type,
          'string',
          true,
        ]);
        expect([t.type, t.topic === null]).toEqual([t.type, t.type === 'webhook.test']);
        const validate = ajv.compile(t.schema);
        expect([t.type, validate(t.example), validate.errors ?? []]).toEqual([t.type, true, []]);
      }
      const granted = content.find((t) => t.type === 'access.granted')!;
      expect(granted.topic).toBe('platform.accesses');
      expect(granted.schema).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['id', 'user', 'context']) as unknown,
      });
    });

    it('needs the webhooks.suite scope', async () => {
      const res = await call('GET', '/api/v1/event-types', undefined, { scopes: ['users.suite'] });
      expect(res.status).toBe(403);
    });
  });
});

describe('webhooks: subscriptions stored with one action before the upgrade', () => {
  let db: TestDatabase;
  let hooks: WebhooksInstance | undefined;
  let receiver: Receiver;
  const box = new SecretBox(Buffer.from(ENCRYPTION_KEY, 'base64'));
  const OLD = {
    one: '11111111-1111-4111-8111-111111111111',
    every: '22222222-2222-4222-8222-222222222222',
    other: '33333333-3333-4333-8333-333333333333',
  };

  beforeAll(async () => {
    db = await createTestDatabase('webhooks_actions_upgrade');
    receiver = await startReceiver();
    // The schema as the previous release left it, with its rows.
    const old = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: [...messagingMigrations, Webhooks1764000000000, RetiringSecrets1764100000000],
      migrationsTableName: 'migrations',
    });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const insert = (id: string, action: string, path: string) =>
      pg.query(
        `INSERT INTO webhook_subscriptions (id, action, status, postback_url, tech_owner_name,
           tech_owner_email, timeout_ms, secret_enc, owner_client_id, owner_entity, owner_database)
         VALUES ($1, $2, 'active', $3, 'T', 't@example.com', 5000, $4, 'test-client', $5, $6)`,
        [
          id,
          action,
          receiver.url + path,
          box.seal('whsec_b2xkLXNlY3JldA==', binding(id, 'secret')),
          CONTEXT.entity,
          CONTEXT.database,
        ],
      );
    await insert(OLD.one, 'license.created', '/one');
    await insert(OLD.every, '*', '/every');
    await insert(OLD.other, 'user.created', '/other');
    await pg.end();
    hooks = await bootWebhooks(webhooksEnv(db.url));
  });
  afterAll(async () => {
    await hooks?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('keeps what each one receives, and shows it as actions and action', async () => {
    await hooks!.bus.publish([license('created', 1), license('revoked', 2)]);
    const paths = () => receiver.received.map((r) => r.path).sort();
    await waitFor(() => paths().length >= 3, 10_000, 'deliveries');
    await new Promise((r) => setTimeout(r, 300));
    expect(paths()).toEqual(['/every', '/every', '/one']);
    const res = await hooks!.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${OLD.one}`,
      headers: await as(),
    });
    expect(res.json<Json>()).toMatchObject({
      actions: ['license.created'],
      action: 'license.created',
    });
  });
});
