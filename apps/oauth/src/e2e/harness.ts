import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@platform/messaging';
import { freePort } from '@platform/persistence';
import { createApp } from '../bootstrap';
import { FakeUser, startFakeUsers } from './fake-users';

export const ADMIN_CLIENT = {
  id: 'bootstrap-admin',
  secret: 'bootstrap-admin-secret-0123456789abcdef',
};

export interface OauthHarness {
  app: NestFastifyApplication;
  base: string;
  db: DataSource;
  users: Awaited<ReturnType<typeof startFakeUsers>>;
  /** Calls an admin route as the gateway would (assertion with platform.admin). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** Event types written to the outbox, in order. */
  events(
    type?: string,
  ): Promise<{ type: string; subject: string; data: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

/**
 * What the harness needs from @platform/testing, handed in by the spec: this file is compiled by
 * the production build (it lives under src/), which must not pull in jest's types.
 */
export interface TestKit {
  createTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }>;
  assertionFor(
    service: string,
    principal: { clientId?: string; userId?: string; scopes?: string[] },
  ): Promise<string>;
  TEST_ASSERTION_KEYS: { publicKey: string; privateKey: string };
}

/** Boots the real oauth app on a free port, its own database, an in-process bus and a fake `users`. */
export async function startOauth(
  name: string,
  users: FakeUser[] | { url: string },
  kit: TestKit,
  /** More environment, e.g. GATEWAY_URL or LICENSING_URL of a fake. */
  env: Record<string, string> = {},
): Promise<OauthHarness> {
  const { assertionFor, TEST_ASSERTION_KEYS } = kit;
  const database = await kit.createTestDatabase(name);
  // Either a fake of users' internal routes, or a real users service already running.
  const fakeUsers = Array.isArray(users)
    ? await startFakeUsers(users, TEST_ASSERTION_KEYS.publicKey)
    : { url: users.url, calls: [] as string[], stop: async () => undefined };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bus = new InProcessBus();
  const app = await createApp({
    bus,
    env: {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      PUBLIC_URL: base,
      LOG_LEVEL: 'silent',
      ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
      ASSERTION_PRIVATE_KEY: TEST_ASSERTION_KEYS.privateKey,
      USERS_URL: fakeUsers.url,
      BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
      BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
      ...env,
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  await bus.start();
  const db = app.get(DataSource);
  return {
    app,
    base,
    db,
    users: fakeUsers,
    async admin(method, path, body) {
      const assertion = await assertionFor('oauth', {
        clientId: ADMIN_CLIENT.id,
        scopes: ['platform.admin'],
      });
      return fetch(`${base}${path}`, {
        method,
        headers: {
          'x-platform-assertion': assertion,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async events(type) {
      const rows: { type: string; subject: string; data: Record<string, unknown> }[] =
        await db.query(
          `SELECT type, subject, data FROM outbox_events ${type ? 'WHERE type = $1' : ''} ORDER BY sequence`,
          type ? [type] : [],
        );
      return rows;
    },
    async stop() {
      await app.close();
      await fakeUsers.stop();
      await database.drop();
    },
  };
}

/** POSTs a form (application/x-www-form-urlencoded), as every OAuth client does. */
export function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
  send: typeof fetch = fetch,
): Promise<Response> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** Registers a client through the admin API; returns its id and secret. */
export async function createClient(
  h: OauthHarness,
  body: Record<string, unknown>,
): Promise<{ id: string; secret?: string }> {
  const res = await h.admin('POST', '/auth/oauth2/clients', body);
  const json = (await res.json()) as { client_id: string; client_secret?: string };
  if (res.status !== 201)
    throw new Error(`client creation failed: ${res.status} ${JSON.stringify(json)}`);
  return { id: json.client_id, secret: json.client_secret };
}
