import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Principal } from '@platform/auth';
import { Topics } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  TEST_ASSERTION_KEYS,
  TestDatabase,
} from '@platform/testing';
import { createApp } from './bootstrap';

const ADMIN = { clientId: 'admin', scopes: ['platform.admin', 'audit.read'] };
const ctx = (entity: string) => ({
  entity,
  database: 'db1',
  accessId: `acc-${entity}`,
  role: 'admin' as const,
});
const ENTITY_10 = { clientId: 'app', userId: 'maria', scopes: ['audit.read'], context: ctx('10') };

interface Page {
  hasNext: boolean;
  content: {
    seq: string;
    type: string;
    actor: string | null;
    outcome: string;
    entity: string | null;
    target: string | null;
    data: unknown;
  }[];
}

describe('audit over HTTP, fed by the in-process bus', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let base: string;
  const bus = new InProcessBus();

  const publish = (
    topic: string,
    type: string,
    subject: string,
    data: object,
    entity?: string,
  ): Promise<void> =>
    bus.publish([
      {
        topic,
        id: randomUUID(),
        type,
        source: 'test',
        time: new Date().toISOString(),
        subject,
        entity,
        data,
      },
    ]);

  async function get(path: string, who: Partial<Principal> | null): Promise<Response> {
    const headers: Record<string, string> = who
      ? { 'x-platform-assertion': await assertionFor('audit', who) }
      : {};
    return fetch(`${base}${path}`, { headers });
  }
  const list = async (query: string, who: Partial<Principal> = ADMIN): Promise<Page> => {
    const res = await get(`/audit/v1/events?${query}`, who);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  beforeAll(async () => {
    db = await createTestDatabase('audit_e2e');
    app = await createApp({
      env: {
        PORT: '0',
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        LOG_LEVEL: 'warn',
      },
      bus,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    await bus.start();
    await publish(Topics.Security, 'security.decision', 'gw', {
      action: 'gateway.token',
      outcome: 'denied',
      actorClient: 'evil',
      ip: '203.0.113.9',
      target: '/licenses/v0.1/api/entidades',
    });
    await publish(Topics.Tokens, 'token.issued', 'j1', {
      jti: 'j1',
      clientId: 'app',
      userId: 'maria',
      grantType: 'password',
      scope: 'audit.read',
    });
    await publish(Topics.Users, 'user.disabled', 'kaio', {
      id: 'kaio',
      disabledAt: new Date().toISOString(),
      by: 'root',
    });
    const context = { entity: '10', database: 'db1' };
    await publish(
      Topics.Accesses,
      'access.granted',
      'a1',
      { id: 'a1', user: 'maria', admin: true, role: 'admin', context, grantedBy: 'root' },
      '10',
    );
    await publish(
      Topics.Accesses,
      'access.revoked',
      'a2',
      { id: 'a2', user: 'joao', context: { entity: '20', database: 'db2' } },
      '20',
    );
    // The same entity, another database: another context (spec §1).
    await publish(
      Topics.Accesses,
      'access.granted',
      'a3',
      {
        id: 'a3',
        user: 'rui',
        admin: false,
        role: 'user',
        context: { entity: '10', database: 'db2' },
        grantedBy: 'lia',
      },
      '10',
    );
    await publish(
      Topics.Licensing,
      'license.created',
      'l1',
      { id: 'l1', entity: '10', database: 'db1', system: 's1', validFrom: 'x', validUntil: 'y' },
      '10',
    );
    await publish(Topics.Licensing, 'entity.created', '10', { id: '10', nome: 'Prefeitura' });
    // Not an audited type: ignored by this consumer group.
    await publish(Topics.Notifications, 'notification.created', 'n1', {
      id: 'n1',
      destination: 'USER',
      user: 'maria',
      text: 'hi',
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('records every audited event, newest first', async () => {
    const page = await list('');
    expect(page.content.map((r) => r.type)).toEqual([
      'entity.created',
      'license.created',
      'access.granted',
      'access.revoked',
      'access.granted',
      'user.disabled',
      'token.issued',
      'security.decision',
    ]);
    expect(page.content[7]).toMatchObject({
      seq: '1',
      actor: 'evil',
      outcome: 'denied',
      target: '/licenses/v0.1/api/entidades',
    });
  });

  it('filters by type, actor, outcome, time and entity with the list conventions', async () => {
    expect(
      (await list(`filter=${encodeURIComponent("outcome = 'denied'")}`)).content.map((r) => r.type),
    ).toEqual(['security.decision']);
    expect(
      (await list(`filter=${encodeURIComponent("actor = 'root'")}&sort=seq%20asc`)).content.map(
        (r) => r.type,
      ),
    ).toEqual(['user.disabled', 'access.granted']);
    const types = encodeURIComponent(
      "type in ('access.granted','access.revoked') and entity = '20'",
    );
    expect((await list(`filter=${types}`)).content.map((r) => r.target)).toEqual(['a2']);
    expect(
      (await list(`filter=${encodeURIComponent("time > '2000-01-01'")}&limit=2`)).hasNext,
    ).toBe(true);
    expect((await list(`filter=${encodeURIComponent("time < '2000-01-01'")}`)).content).toEqual([]);
  });

  it('answers a bad filter with a 400 problem', async () => {
    const res = await get(`/audit/v1/events?filter=${encodeURIComponent("hash = 'x'")}`, ADMIN);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      detail: expect.stringContaining("unknown field 'hash'"),
      position: 0,
    });
  });

  it("shows a context's admin only that exact context's records (entity and database)", async () => {
    const page = await list('', ENTITY_10);
    // Not a3 (entity 10, database db2) nor the entity-level entity.created.
    expect(page.content.map((r) => [r.type, r.target])).toEqual([
      ['license.created', 'l1'],
      ['access.granted', 'a1'],
    ]);
    const sneaky = await list(`filter=${encodeURIComponent("entity = '20'")}`, ENTITY_10);
    expect(sneaky.content).toEqual([]);
  });

  it('refuses the audit log to anyone but a context admin or the platform admin', async () => {
    expect((await get('/audit/v1/events', { scopes: ['audit.read'] })).status).toBe(403);
    expect(
      (await get('/audit/v1/events', { scopes: ['users.suite'], context: ctx('10') })).status,
    ).toBe(403);
    for (const role of ['user', 'technician'] as const) {
      const member = { ...ENTITY_10, context: { ...ctx('10'), role } };
      const res = await get('/audit/v1/events', member);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('verifies the chain (platform admins only)', async () => {
    const res = await get('/audit/v1/chain/verify', ADMIN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ valid: true, checked: 8 });
    expect((await get('/audit/v1/chain/verify', ENTITY_10)).status).toBe(403);
  });

  it('records a redelivered event once', async () => {
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const event = {
        topic: Topics.Tokens,
        id: randomUUID(),
        type: 'token.revoked',
        source: 'oauth',
        time: new Date().toISOString(),
        subject: 'u',
        data: { scope: 'user', userId: 'kaio' },
      };
      await bus.publish([event]);
      await bus.publish([event]);
      expect(
        (
          await sql.query('SELECT count(*)::int AS n FROM audit_records WHERE event_id = $1', [
            event.id,
          ])
        ).rows[0].n,
      ).toBe(1);
    } finally {
      await sql.end();
    }
  });
});
