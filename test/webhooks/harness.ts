import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { eventDefinition, type EventEnvelope } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  TEST_ASSERTION_KEYS,
  type TestDatabase,
} from '@platform/testing';
import type { Principal } from '@platform/auth';
import type { Clock } from '@platform/http';
import { createApp } from '../../apps/webhooks/src/bootstrap';

/** One request a test receiver got. */
export interface Received {
  at: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type ReceiverHandler = (req: Received, res: ServerResponse) => void;

export interface Receiver {
  url: string;
  received: Received[];
  handler: ReceiverHandler;
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback; `handler` answers (default 204). */
export async function startReceiver(
  handler: ReceiverHandler = (_r, res) => res.writeHead(204).end(),
): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], handler, close: () => Promise.resolve() };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
      const r: Received = {
        at: Date.now(),
        path: req.url ?? '/',
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      receiver.received.push(r);
      receiver.handler(r, res);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return receiver;
}

/** A clock the test moves by hand (or that follows real time plus an offset). */
export { TestClock } from '@platform/http';

export const ENCRYPTION_KEY = randomBytes(32).toString('base64');

export function webhooksEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
    LOG_LEVEL: 'warn',
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    WEBHOOKS_ENCRYPTION_KEY: ENCRYPTION_KEY,
    WEBHOOKS_POLL_MS: '20',
    WEBHOOKS_RETRY_SCHEDULE: '300ms,300ms,300ms,300ms',
    ...extra,
  };
}

export interface WebhooksInstance {
  app: NestFastifyApplication;
  bus: InProcessBus;
  close(): Promise<void>;
}

/** Boots the webhooks app in this process on the in-process bus (events go in with `publish`). */
export async function bootWebhooks(
  env: Record<string, string>,
  clock?: Clock,
): Promise<WebhooksInstance> {
  const bus = new InProcessBus();
  const app = await createApp({ env, bus, clock });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await bus.start();
  return { app, bus, close: () => app.close() };
}

/** What `webhooksSuite` sets up; each part is there from its `beforeAll` (or `beforeEach`) on. */
export interface WebhooksSuite {
  db: TestDatabase;
  /** The app booted on `db` (unless `boot: false`). */
  hooks: WebhooksInstance;
  /** A client on `db` (with `pg: true`). */
  pg: Client;
  /** A receiver (with `receiver`): one for the suite, or a new one for each test. */
  receiver: Receiver;
}

/** Registers a suite's fresh database, the webhooks app on it, a pg client and a receiver as asked. */
export function webhooksSuite(
  database: string,
  options: {
    /** Extra variables for `webhooksEnv`. */
    env?: Record<string, string>;
    clock?: Clock;
    /** false: the tests boot their own apps on `db`. */
    boot?: boolean;
    pg?: boolean;
    receiver?: 'suite' | 'each';
    /** How the receiver answers (default 204). */
    answer?: ReceiverHandler;
  } = {},
): WebhooksSuite {
  const suite = {} as Partial<WebhooksSuite>;
  const { boot = true, receiver } = options;
  beforeAll(async () => {
    const db = (suite.db = await createTestDatabase(database));
    if (boot) suite.hooks = await bootWebhooks(webhooksEnv(db.url, options.env), options.clock);
    if (options.pg) {
      suite.pg = new Client({ connectionString: db.url });
      await suite.pg.connect();
    }
    if (receiver === 'suite') suite.receiver = await startReceiver(options.answer);
  });
  afterAll(async () => {
    if (receiver === 'suite') await suite.receiver?.close();
    await suite.hooks?.close();
    await suite.pg?.end();
    await suite.db?.drop();
  });
  if (receiver === 'each') {
    beforeEach(async () => {
      suite.receiver = await startReceiver(options.answer);
    });
    afterEach(() => suite.receiver?.close());
  }
  return suite as WebhooksSuite;
}

export const CONTEXT = {
  entity: 'ent-1',
  database: 'db-1',
  accessId: 'acc-1',
  role: 'admin' as const,
};

export async function as(principal: Partial<Principal> = {}): Promise<Record<string, string>> {
  return {
    'x-platform-assertion': await assertionFor('webhooks', {
      scopes: ['webhooks.suite'],
      context: CONTEXT,
      userId: 'alice',
      ...principal,
    }),
  };
}

/** The secrets whose `v1` signature a delivery carries (Standard Webhooks, any timestamp). */
export function signers(r: Received, secrets: string[]): number[] {
  const signed = `${r.headers['webhook-id']}.${r.headers['webhook-timestamp']}.${r.body}`;
  const sent = new Set((r.headers['webhook-signature'] ?? '').split(' '));
  return secrets.flatMap((secret, i) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return sent.has(`v1,${createHmac('sha256', key).update(signed).digest('base64')}`) ? [i] : [];
  });
}

/** What the webhooks API answered: status, the JSON body (`{}` when empty), its content type. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  type: string;
}

/**
 * One request to the in-process webhooks API, carrying the gateway's assertion for `principal`
 * (by default the suite's context admin, see `as`).
 */
export async function callApi(
  hooks: WebhooksInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  { principal = {}, payload }: { principal?: Partial<Principal>; payload?: object } = {},
): Promise<ApiAnswer> {
  const res = await hooks.app.inject({ method, url, headers: await as(principal), payload });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    body: res.body ? res.json<Record<string, unknown>>() : {},
    type,
  };
}

/** A valid domain event of `type`; `entity` goes in the envelope (`ce_entity`). */
export function domainEvent(
  type: string,
  entity: string | undefined,
  data: object,
  id = randomUUID(),
): EventEnvelope<object> & { topic: string } {
  const def = eventDefinition(type);
  if (!def) throw new Error(`unknown event type ${type}`);
  return {
    topic: def.topic,
    id,
    type,
    source: '/platform/test',
    time: new Date().toISOString(),
    subject: id,
    entity,
    data,
  };
}

/**
 * `license.created` of the context (`entity`, `database`): an event of one context, which only
 * that context's subscriptions (and platform-wide ones) receive (spec §6).
 */
export const licenseCreated = (
  entity: string,
  n = 1,
  database: string = CONTEXT.database,
): EventEnvelope<object> & { topic: string } =>
  domainEvent('license.created', entity, {
    id: `license-${n}`,
    entity,
    database,
    system: 'system-1',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2099-01-01T00:00:00.000Z',
  });

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function subscriptionBody(
  url: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    action: 'license.created',
    status: 'active',
    postbackUrl: url,
    techOwnerName: 'Tech Owner',
    techOwnerEmail: 'owner@example.com',
    ...extra,
  };
}
