import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CallerContext, Principal } from '@platform/auth';
import type { ServiceRuntime } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  kafkaBrokers,
  TEST_ASSERTION_KEYS,
  type TestDatabase,
} from '@platform/testing';

export interface Booted {
  app: NestFastifyApplication;
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

type CreateApp = (runtime: ServiceRuntime) => Promise<NestFastifyApplication>;

/** The environment every domain app is booted with in these suites (brief: port 0, test keys, Kafka). */
export function testEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
    KAFKA_BROKERS: kafkaBrokers()?.join(',') ?? '',
    KAFKA_MAX_WAIT_MS: '100',
    // Suites run in parallel on one broker and boot the same services: each app joins a group of
    // its own (named after its database, so a restart on that database resumes it), or two
    // suites' notifications would share partitions and take each other's events.
    KAFKA_GROUP_ID: `test-${new URL(databaseUrl).pathname.slice(1)}`,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Boots an app on its own fresh database (or a given one) and listens on a free port. */
export async function boot(
  createApp: CreateApp,
  prefix: string,
  options: { db?: TestDatabase; env?: Record<string, string> } = {},
): Promise<Booted> {
  const db = options.db ?? (await createTestDatabase(prefix));
  const app = await createApp({ env: testEnv(db.url, options.env) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  return { app, url: url.replace('[::1]', '127.0.0.1'), db, close: () => app.close() };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  contentType: string | null;
}

/** Calls a booted service as the gateway would: with a signed assertion of `principal`. */
export class ServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly service: string,
  ) {}

  async call<T = Record<string, unknown>>(
    principal: Partial<Principal>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {
      'x-platform-assertion': await assertionFor(this.service, principal),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as T,
      contentType: res.headers.get('content-type'),
    };
  }
}

/** A platform administrator's token (provisioning: any context, no User-Access). */
export const platformAdmin = (...scopes: string[]): Partial<Principal> => ({
  clientId: 'provisioning',
  userId: 'root',
  scopes: ['platform.admin', ...scopes],
});

/** A user acting in a context selected by `User-Access` (the gateway put it in the assertion). */
export function userIn(
  userId: string,
  context: Omit<CallerContext, 'role'> & { role?: CallerContext['role'] },
  scopes: string[],
): Partial<Principal> {
  return { clientId: 'suite', userId, scopes, context: { role: 'user', ...context } };
}

export { eventually } from '@platform/testing';
