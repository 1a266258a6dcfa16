import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Topics } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  TEST_ASSERTION_KEYS,
  TestDatabase,
} from '@platform/testing';
import { createApp } from '../bootstrap';

/** What oauth adds to an admin event (AdminActorFields): who, and from where. */
const ACTOR = {
  actorClient: 'admin-app',
  actorUser: 'root',
  ip: '203.0.113.5',
  requestId: 'req-1',
};

/** The oauth admin changes and failed customer-token checks, as oauth publishes them. */
const EVENTS: { topic: string; type: string; subject: string; data: object }[] = [
  {
    topic: Topics.Clients,
    type: 'client.updated',
    subject: 'c1',
    data: {
      clientId: 'c1',
      name: 'svc',
      kind: 'service',
      scopes: ['users.suite'],
      changes: ['scopes'],
      grantTypes: ['client_credentials'],
      redirectUris: [],
      refreshTokens: false,
      removedScopes: ['audit.read'],
      ...ACTOR,
    },
  },
  {
    topic: Topics.Clients,
    type: 'customer.created',
    subject: 'k1',
    data: { customerId: 'k1', name: 'Prefeitura', ...ACTOR },
  },
  {
    topic: Topics.Clients,
    type: 'customer.identifier_mapped',
    subject: 'k1',
    data: {
      customerId: 'k1',
      clientApplicationId: 'c1',
      identifier: 'ext-1',
      userLogin: 'maria',
      ...ACTOR,
    },
  },
  {
    topic: Topics.Tokens,
    type: 'signing_key.rotated',
    subject: 'kid-2',
    data: {
      kid: 'kid-2',
      previousKid: 'kid-1',
      rotatedAt: new Date().toISOString(),
      reason: 'requested',
      ...ACTOR,
    },
  },
  {
    topic: Topics.Security,
    type: 'security.decision',
    subject: 'c1',
    data: {
      action: 'oauth.customer_authentication',
      outcome: 'failed',
      actorClient: 'c1',
      ip: '198.51.100.9',
      target: 'k1',
      reason: 'bad customer token',
    },
  },
];

describe('audit records the oauth admin changes (who, what, when, from where, outcome)', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  const bus = new InProcessBus();

  beforeAll(async () => {
    db = await createTestDatabase('audit_oauth_admin');
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
    await bus.start();
    const time = new Date().toISOString();
    await bus.publish(
      EVENTS.map((e) => ({ ...e, id: randomUUID(), source: '/platform/oauth', time })),
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists each one with its actor, target, source IP and outcome', async () => {
    const assertion = await assertionFor('audit', {
      clientId: 'admin',
      scopes: ['platform.admin', 'audit.read'],
    });
    const res = await fetch(`${await app.getUrl()}/audit/v1/events?sort=seq%20asc`, {
      headers: { 'x-platform-assertion': assertion },
    });
    expect(res.status).toBe(200);
    const { content } = (await res.json()) as { content: Record<string, unknown>[] };
    // Events of different aggregates may be recorded in any order: one row per type.
    const facts = (r: Record<string, unknown>) => ({
      action: r['action'],
      actorClient: r['actorClient'],
      actorUser: r['actorUser'],
      target: r['target'],
      ip: r['ip'],
      outcome: r['outcome'],
    });
    const byType = Object.fromEntries(content.map((r) => [String(r['type']), facts(r)]));
    const admin = {
      actorClient: 'admin-app',
      actorUser: 'root',
      ip: '203.0.113.5',
      outcome: 'succeeded',
    };
    expect(byType).toEqual({
      'client.updated': { ...admin, action: 'client.updated', target: 'c1' },
      'customer.created': { ...admin, action: 'customer.created', target: 'k1' },
      'customer.identifier_mapped': {
        ...admin,
        action: 'customer.identifier_mapped',
        target: 'k1',
      },
      'signing_key.rotated': { ...admin, action: 'signing_key.rotated', target: 'kid-2' },
      'security.decision': {
        action: 'oauth.customer_authentication',
        actorClient: 'c1',
        actorUser: null,
        target: 'k1',
        ip: '198.51.100.9',
        outcome: 'failed',
      },
    });
    expect(content.every((r) => typeof r['time'] === 'string')).toBe(true);
  });
});
