import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ASSERTION_HEADER,
  AssertionSigner,
  GATEWAY_SNAPSHOT_SCOPE,
  internalAudience,
} from '@platform/auth';
import { GatewaySnapshotPaths } from '@platform/contracts';
import { stopLeftoverPostgres } from '@platform/persistence';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  type ClientCredentials,
  clientToken,
  embeddedDatabaseUrl,
  launch,
  makeDataDir,
  platformEnv,
  type Run,
  stop,
  tokenRequest,
  untilReady,
} from './launcher';

/*
 * Spec §3: "Revocation (a revoked token, a regenerated secret, a deleted client, a disabled user)
 * is durable (it holds across restarts of any service and whatever the broker retains)". Under
 * `npm start` the events travel over an in-process bus that keeps no history, so after a restart
 * the gateway must rebuild what it refuses from the owners of the truth (oauth, users,
 * authorizations). One boot makes every kind of revocation, a second boot on the same DATA_DIR
 * must still refuse each one, for the right reason, and still accept what was never revoked.
 */

const BOOTSTRAP = { id: 'durable-admin', secret: 'durable-bootstrap-secret-0123456789abcdef' };
const PLATFORM_ADMIN = { login: 'root.durable', password: 'root-password-0123456789' };
const USER_SCOPES = 'user-accounts.suite users.suite';
const USERS = '/usuarios/v0.1/api/usuarios';
const MY_ACCESS = '/user-accounts/v0.1/api/suite/users/@me/access';
const LIC = '/licenses/v0.1/api';

type Json = Record<string, unknown>;
interface Outcome {
  status: number;
  /** RFC 6750 error_description of a 401, the problem's detail of a 403. */
  why: string;
}

describe('revocation survives a restart of `npm start` (spec §3, durable)', () => {
  const dataDir = makeDataDir('durable-revocation-');
  let env: NodeJS.ProcessEnv;
  let gateway: string;
  let run: Run | undefined;
  let admin: string;

  async function call(
    method: string,
    path: string,
    token: string,
    o: { json?: unknown; access?: string } = {},
  ): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (o.access) headers['user-access'] = o.access;
    if (o.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(gateway + path, {
      method,
      headers,
      body: o.json === undefined ? undefined : JSON.stringify(o.json),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Json) : {} };
  }

  /** What the gateway answers a token (and `User-Access`) on a route it needs. */
  async function outcome(token: string, access?: string): Promise<Outcome> {
    const res = await fetch(`${gateway}${access ? MY_ACCESS : `${USERS}?limit=1`}`, {
      headers: { authorization: `Bearer ${token}`, ...(access ? { 'user-access': access } : {}) },
    });
    const body = (await res.json()) as Json;
    const challenge = res.headers.get('www-authenticate') ?? '';
    const description = /error_description="([^"]*)"/.exec(challenge)?.[1];
    return { status: res.status, why: description ?? String(body['detail'] ?? '') };
  }

  async function newClient(name: string, kind: string, scopes: string): Promise<ClientCredentials> {
    const res = await call('POST', '/auth/oauth2/clients', admin, {
      json: { name, kind, scopes: scopes.split(' ') },
    });
    expect(res.status).toBe(201);
    return { id: res.body['client_id'] as string, secret: res.body['client_secret'] as string };
  }

  async function passwordToken(client: ClientCredentials, login: string): Promise<string> {
    const res = await tokenRequest(gateway, client, {
      grant_type: 'password',
      username: login,
      password: `${login}-password-123`,
      scope: USER_SCOPES,
    });
    const body = (await res.json()) as Json;
    expect({ status: res.status, body }).toMatchObject({ status: 200 });
    return body['access_token'] as string;
  }

  async function boot(): Promise<void> {
    run = launch(env);
    await untilReady(gateway, run);
    admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin');
  }

  beforeAll(async () => {
    ({ env, gateway } = await platformEnv(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      BOOTSTRAP_ADMIN_LOGIN: PLATFORM_ADMIN.login,
      BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    }));
    await boot();
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    await stopLeftoverPostgres(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'refuses, after a restart, every token and access revoked before it, and still accepts the rest',
    async () => {
      // --- first boot: one of each kind of revocation -----------------------------------------
      const service = await newClient('durable service', 'service', 'users.suite');
      const rotated = await newClient('durable rotated', 'service', 'users.suite');
      const deleted = await newClient('durable deleted', 'service', 'users.suite');
      const suite = await newClient('durable suite', 'password', USER_SCOPES);
      for (const login of ['dur.disabled', 'dur.member']) {
        const res = await call('POST', USERS, admin, {
          json: {
            id: login,
            name: login,
            email: `${login}@example.com`,
            password: `${login}-password-123`,
          },
        });
        expect(res.status).toBe(201);
      }
      const [revokedAccess, keptAccess] = await twoAccesses('dur.member');

      // RFC 7009 revocation of an access token by its client.
      const revokedByClient = await clientToken(gateway, service, 'users.suite');
      const revocation = await fetch(`${gateway}/auth/oauth2/revoke`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${service.id}:${service.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token: revokedByClient }).toString(),
      });
      expect(revocation.status).toBe(200);
      // A long-lived client access token (`000_*`), deleted by the admin.
      const issued = await call('POST', `/auth/oauth2/clients/${service.id}/tokens`, admin, {
        json: { description: 'durable' },
      });
      expect(issued.status).toBe(201);
      const deletedClientToken = issued.body['access_token'] as string;
      const removed = await call(
        'DELETE',
        `/auth/oauth2/clients/${service.id}/tokens/${String(issued.body['id'])}`,
        admin,
      );
      expect(removed.status).toBe(204);
      // A secret regenerated, a client deleted.
      const beforeRotation = await clientToken(gateway, rotated, 'users.suite');
      const rotation = await call('POST', `/auth/oauth2/clients/${rotated.id}/secret`, admin);
      expect(rotation.status).toBe(200);
      const rotatedNow = { id: rotated.id, secret: rotation.body['client_secret'] as string };
      const ofDeletedClient = await clientToken(gateway, deleted, 'users.suite');
      expect((await call('DELETE', `/auth/oauth2/clients/${deleted.id}`, admin)).status).toBe(204);
      // A user disabled, an access (User-Access) revoked.
      const ofDisabledUser = await passwordToken(suite, 'dur.disabled');
      const disable = await call('PATCH', `${USERS}/dur.disabled`, admin, {
        json: { status: 'disabled' },
      });
      expect(disable.status).toBe(200);
      const member = await passwordToken(suite, 'dur.member');
      const revoke = await call(
        'DELETE',
        `/user-accounts/v0.1/api/management/access/${revokedAccess}`,
        admin,
      );
      expect(revoke.status).toBe(204);

      const expected: Record<string, Outcome> = {
        revokedByClient: { status: 401, why: 'The access token was revoked.' },
        deletedClientToken: { status: 401, why: 'The access token was revoked.' },
        beforeRotation: {
          status: 401,
          why: "The access token was revoked (the client's secret changed).",
        },
        ofDeletedClient: { status: 401, why: 'The access token belongs to a deleted client.' },
        ofDisabledUser: { status: 401, why: 'The access token belongs to a disabled user.' },
        revokedAccess: { status: 403, why: 'The User-Access is unknown, inactive or not yours.' },
        keptAccess: { status: 200, why: '' },
      };
      const observe = async (): Promise<Record<string, Outcome>> => ({
        revokedByClient: await outcome(revokedByClient),
        deletedClientToken: await outcome(deletedClientToken),
        beforeRotation: await outcome(beforeRotation),
        ofDeletedClient: await outcome(ofDeletedClient),
        ofDisabledUser: await outcome(ofDisabledUser),
        revokedAccess: await outcome(member, revokedAccess),
        keptAccess: await outcome(member, keptAccess),
      });
      const settled = async (): Promise<Record<string, Outcome>> =>
        eventually(
          async () => {
            const seen = await observe();
            return JSON.stringify(seen) === JSON.stringify(expected) ? seen : undefined;
          },
          5_000,
          100,
        ).catch(observe);
      expect(await settled()).toEqual(expected);

      // --- restart on the same DATA_DIR --------------------------------------------------------
      if (run) expect(await stop(run)).toBe(0);
      await boot();

      expect(await observe()).toEqual(expected);
      // What was never revoked still works: new tokens, the new secret, the kept access.
      expect((await outcome(await clientToken(gateway, service, 'users.suite'))).status).toBe(200);
      expect((await outcome(await clientToken(gateway, rotatedNow, 'users.suite'))).status).toBe(
        200,
      );
      expect((await outcome(await passwordToken(suite, 'dur.member'), keptAccess)).status).toBe(
        200,
      );

      // A user enabled again gets new tokens; the tokens from before the disable stay revoked.
      const enable = await call('PATCH', `${USERS}/dur.disabled`, admin, {
        json: { status: 'active' },
      });
      expect(enable.status).toBe(200);
      const fresh = await passwordToken(suite, 'dur.disabled');
      expect(
        await eventually(async () => ((await outcome(fresh)).status === 200 ? true : undefined)),
      ).toBe(true);
      expect(await outcome(ofDisabledUser)).toEqual({
        status: 401,
        why: 'The access token was revoked.',
      });
    },
    BUILD_LIMIT_MS + 2 * BOOT_LIMIT_MS,
  );

  it('serves the owners’ snapshots only to the gateway’s internal assertion, page by page', async () => {
    const stored = JSON.parse(readFileSync(join(dataDir, 'launcher-secrets.json'), 'utf8')) as {
      assertion: { privateKey: string };
    };
    const signer = new AssertionSigner(stored.assertion.privateKey);
    const as = (scopes: string[], audience: string) =>
      signer.sign({ clientId: 'gateway', scopes, tokenId: 'internal', requestId: 'r' }, audience);
    const owners = [
      ['oauth', GatewaySnapshotPaths.revocations],
      ['users', GatewaySnapshotPaths.disabledUsers],
      ['authorizations', GatewaySnapshotPaths.accesses],
    ] as const;
    for (const [service, path] of owners) {
      const base = `http://127.0.0.1:${env[`${service.toUpperCase()}_PORT`]}${path}`;
      const status = async (assertion?: string): Promise<number> => {
        const res = await fetch(`${base}?limit=1`, {
          headers: assertion ? { [ASSERTION_HEADER]: assertion } : {},
        });
        await res.body?.cancel();
        return res.status;
      };
      const everything = ['platform.admin', GATEWAY_SNAPSHOT_SCOPE];
      expect({
        service,
        none: await status(),
        // What the proxy signs for a caller: the service's own audience, whatever the scopes.
        callerAudience: await status(await as(everything, service)),
        withoutScope: await status(await as(['platform.admin'], internalAudience(service))),
        internal: await status(await as([GATEWAY_SNAPSHOT_SCOPE], internalAudience(service))),
      }).toEqual({ service, none: 401, callerAudience: 401, withoutScope: 403, internal: 200 });
      // Not part of the public surface: the gateway does not route there.
      const viaGateway = await fetch(`${gateway}${path}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(viaGateway.status).toBe(404);
    }
    // Paging: a page of one row names the next; following `next` walks every row once.
    const oauthBase = `http://127.0.0.1:${env['OAUTH_PORT']}${GatewaySnapshotPaths.revocations}`;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after === null ? 'limit=1' : `limit=1&after=${after}`;
      const res = await fetch(`${oauthBase}?${query}`, {
        headers: {
          [ASSERTION_HEADER]: await as([GATEWAY_SNAPSHOT_SCOPE], internalAudience('oauth')),
        },
      });
      const page = (await res.json()) as { items: { subject: string }[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => i.subject));
      after = page.next;
    } while (after !== null);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it(
    'delivers to the audit log, after a SIGKILL and a restart, a refusal recorded before the crash',
    async () => {
      // audit cannot take anything in: its inbox is locked, so what the gateway hands over
      // stays in flight (the in-process bus waits for every consumer) until the crash.
      const lock = new Client({
        connectionString: embeddedDatabaseUrl(dataDir, env['PG_PORT'] ?? '', 'audit'),
      });
      await lock.connect();
      lock.on('error', () => undefined); // the crash ends this session
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE inbox_events IN ACCESS EXCLUSIVE MODE');
      const target = `${USERS}/crash-${randomUUID()}`;
      const refused = await fetch(gateway + target, {
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(refused.status).toBe(401);
      // More than one batch interval (200 ms): the refusal has been written, not only queued.
      await new Promise((r) => setTimeout(r, 1_000));
      run?.child.kill('SIGKILL');
      await run?.exited;
      await lock.end().catch(() => undefined);

      await boot();
      const filter = encodeURIComponent(`target = 'GET ${target}'`);
      const found = await eventually(
        async () => {
          const res = await call('GET', `/audit/v1/events?filter=${filter}`, admin);
          const content = (res.body['content'] ?? []) as Json[];
          return content.length > 0 ? content : undefined;
        },
        20_000,
        250,
      ).catch(() => []);
      expect(found).toMatchObject([
        { action: 'gateway.authenticate', outcome: 'failed', target: `GET ${target}` },
      ]);
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 30_000,
  );

  /** An entity with two databases, and an access of `user` to each (`002_*` contexts). */
  async function twoAccesses(user: string): Promise<[string, string]> {
    const entity = await call('POST', `${LIC}/entidades`, admin, {
      json: { nome: 'Durable entity', esfera: 'MUNICIPAL' },
    });
    expect(entity.status).toBe(201);
    const accesses: string[] = [];
    for (const nome of ['db one', 'db two']) {
      const database = await call('POST', `${LIC}/databases`, admin, {
        json: { entity: entity.body['id'], nome },
      });
      expect(database.status).toBe(201);
      const context = { entity: entity.body['id'], database: database.body['id'] };
      // authorizations learns the context from licensing's database.created: 422 until then.
      const granted = await eventually(async () => {
        const res = await call('POST', '/user-accounts/v0.1/api/management/access', admin, {
          json: { user, admin: false, context },
        });
        return res.status === 422 ? undefined : res;
      });
      expect(granted.status).toBe(201);
      accesses.push(granted.body['id'] as string);
    }
    return [accesses[0] ?? '', accesses[1] ?? ''];
  }
});
