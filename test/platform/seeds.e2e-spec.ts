import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { stopLeftoverPostgres } from '@platform/persistence';
import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  type ClientCredentials,
  launch,
  makeDataDir,
  platformEnv,
  type Run,
  stop,
  untilReady,
} from './launcher';
import { auditRecords, fromNow, GatewayClient, type Json } from './seeds-client';

/*
 * The seeds as written (`000_*`, `002_*`, `003_*`, `004_*`), through the gateway of `npm start`:
 * client access bound to a license, tokens limited to named endpoints, one client for the whole
 * Engage flow, licensing bodies in `nome`, license checks with a service token, and the last
 * activity of each access. One boot for the file (and one restart, for the license view).
 */

const BOOTSTRAP = { id: 'seeds-admin', secret: 'seeds-bootstrap-secret-0123456789abcdef' };
const MANAGER = { login: 'root.seeds', password: 'root-password-0123456789' };
const LIC = '/licenses/v0.1/api';
const USERS = '/usuarios/v0.1/api/usuarios';
const AUTHZ = '/user-accounts/v0.1/api';
/** "Within a second" (spec §3): measured, on a loaded machine, from the change's answer. */
const WITHIN_MS = 1_000;

interface Context {
  entity: string;
  database: string;
  system: string;
}

describe('the seeds as written, through the gateway of `npm start`', () => {
  const dataDir = makeDataDir('platform-seeds-');
  let run: Run | undefined;
  let gw: GatewayClient;
  let admin: string;
  let ctx: Context;
  /** What the suite measured, printed at the end (for the report). */
  const measured: Record<string, number> = {};

  const created = (res: { status: number; body: Json }): string => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body['id'] as string;
  };

  async function boot(env: NodeJS.ProcessEnv, url: string): Promise<void> {
    run = launch(env);
    await untilReady(url, run);
    gw = new GatewayClient(url);
    admin = await gw.clientToken(BOOTSTRAP, 'platform.admin');
  }

  async function license(validFrom: string, validUntil: string, c = ctx): Promise<string> {
    const res = await gw.call('POST', `${LIC}/licensing`, {
      token: admin,
      json: { ...c, validFrom, validUntil },
    });
    return created(res);
  }

  /** Polls `probe` until `done`, and says how long after `since` that was. */
  async function timeUntil<T>(
    since: number,
    probe: () => Promise<T>,
    done: (v: T) => boolean,
  ): Promise<{ value: T; afterMs: number }> {
    const value = await eventually(
      async () => {
        const v = await probe();
        return done(v) ? v : undefined;
      },
      10_000,
      25,
    );
    return { value, afterMs: Date.now() - since };
  }

  let env: NodeJS.ProcessEnv;
  let url: string;

  beforeAll(async () => {
    ({ env, gateway: url } = await platformEnv(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      BOOTSTRAP_ADMIN_LOGIN: MANAGER.login,
      BOOTSTRAP_ADMIN_PASSWORD: MANAGER.password,
    }));
    await boot(env, url);
    const entity = created(
      await gw.call('POST', `${LIC}/entidades`, {
        token: admin,
        json: { nome: 'Prefeitura de Seeds', esfera: 'MUNICIPAL' },
      }),
    );
    const database = created(
      await gw.call('POST', `${LIC}/databases`, {
        token: admin,
        json: { entity, nome: 'Seeds - produção' },
      }),
    );
    const system = created(
      await gw.call('POST', `${LIC}/sistemas`, { token: admin, json: { nome: 'Tributos' } }),
    );
    ctx = { entity, database, system };
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);

  afterAll(async () => {
    process.stdout.write(`seeds suite measured: ${JSON.stringify(measured)}\n`);
    if (run && run.child.exitCode === null) await stop(run);
    await stopLeftoverPostgres(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  describe('000_*: a client access is bound to a license', () => {
    const PROBE = `${USERS}?limit=1`;
    let bound: ClientCredentials & { body: Json };
    let renewed: string;

    it('refuses a bound client within a second of its license’s expiry, and admits it again once a new license is bound', async () => {
      const expiring = await license(fromNow(-60_000), fromNow(8_000));
      const validUntil = Date.parse(
        (await gw.call('GET', `${LIC}/licensing?${query(ctx)}`, { token: admin })).body[
          'validUntil'
        ] as string,
      );
      bound = await gw.newClient(admin, {
        name: 'bound service',
        kind: 'service',
        scopes: ['users.suite'],
        license: expiring,
      });
      expect(bound.body['license']).toBe(expiring);
      const token = await gw.clientToken(bound, 'users.suite');
      // The gateway hears of the license and the binding by events: fail closed until then.
      await eventually(async () =>
        (await gw.outcome(token, PROBE)).status === 200 ? true : undefined,
      );
      expect(Date.now()).toBeLessThan(validUntil);

      const refused = await timeUntil(
        validUntil,
        () => gw.outcome(token, PROBE),
        (o) => o.status !== 200,
      );
      expect(refused.value).toEqual({
        status: 403,
        code: 'license_inactive',
        reason: 'EXPIRED',
        license: expiring,
      });
      expect(refused.afterMs).toBeLessThanOrEqual(WITHIN_MS);
      measured['refused after validUntil (ms)'] = refused.afterMs;

      // A new license for the same context, bound to the client: the same token works again.
      renewed = await license(fromNow(-60_000), fromNow(3_600_000));
      const patched = await gw.call('PATCH', `/auth/oauth2/clients/${bound.id}`, {
        token: admin,
        json: { license: renewed },
      });
      expect({ status: patched.status, license: patched.body['license'] }).toEqual({
        status: 200,
        license: renewed,
      });
      const admitted = await timeUntil(
        Date.now(),
        () => gw.outcome(token, PROBE),
        (o) => o.status === 200,
      );
      expect(admitted.afterMs).toBeLessThanOrEqual(WITHIN_MS);
      measured['admitted after the new binding (ms)'] = admitted.afterMs;

      // The refusal and the token's issuance are on record with the license they were about.
      const refusals = await eventually(async () => {
        const found = await auditRecords(
          gw,
          admin,
          `type = 'security.decision' and actorClient = '${bound.id}'`,
        );
        return found.length > 0 ? found : undefined;
      });
      expect(refusals[0]).toMatchObject({
        outcome: 'denied',
        data: { reason: 'license_inactive', license: expiring },
      });
      const issued = await auditRecords(
        gw,
        admin,
        `type = 'token.issued' and actorClient = '${bound.id}'`,
      );
      expect(issued.map((r) => (r['data'] as Json)['license'])).toContain(expiring);
    }, 60_000);

    it('refuses a bound client within a second of its license’s revocation', async () => {
      const token = await gw.clientToken(bound, 'users.suite');
      expect(await gw.outcome(token, PROBE)).toEqual({ status: 200 });
      const revoke = await gw.call('POST', `${LIC}/licensing/${renewed}/revoke`, {
        token: admin,
        json: { reason: 'contract ended' },
      });
      expect(revoke.status).toBe(200);
      const refused = await timeUntil(
        Date.now(),
        () => gw.outcome(token, PROBE),
        (o) => o.status !== 200,
      );
      expect(refused.value).toMatchObject({
        status: 403,
        code: 'license_inactive',
        reason: 'REVOKED',
      });
      expect(refused.afterMs).toBeLessThanOrEqual(WITHIN_MS);
      measured['refused after the revocation (ms)'] = refused.afterMs;
    });

    it('binds only a license licensing knows and that is neither expired nor revoked', async () => {
      const patch = (license: unknown) =>
        gw.call('PATCH', `/auth/oauth2/clients/${bound.id}`, { token: admin, json: { license } });
      const unbound = await patch(null);
      expect({ status: unbound.status, license: unbound.body['license'] }).toEqual({
        status: 200,
        license: null,
      });
      const token = await gw.clientToken(bound, 'users.suite');
      await eventually(async () =>
        (await gw.outcome(token, PROBE)).status === 200 ? true : undefined,
      );
      for (const [license, says] of [
        [renewed, 'is revoked'],
        [randomUUID(), 'does not exist'],
        ['not-a-license', 'license'],
      ]) {
        const res = await patch(license);
        expect({ status: res.status, body: JSON.stringify(res.body) }).toMatchObject({
          status: 400,
          body: expect.stringContaining(says) as string,
        });
      }
      expect(await gw.outcome(token, PROBE)).toEqual({ status: 200 });
    });
  });

  describe('000_*, 004_*: a client access token reaches only the endpoints it names', () => {
    const ONE = 'GET /usuarios/v0.1/api/usuarios/{id}';
    let client: ClientCredentials;

    beforeAll(async () => {
      client = await gw.newClient(admin, {
        name: 'endpoint-limited',
        kind: 'service',
        scopes: ['users.suite', 'notifications.suite'],
      });
    });

    const issue = (json: Json) =>
      gw.call('POST', `/auth/oauth2/clients/${client.id}/tokens`, { token: admin, json });

    it('admits the named endpoint and refuses another of the same scope with endpoint_not_allowed', async () => {
      const res = await issue({ description: 'one endpoint', endpoints: [ONE] });
      expect({ status: res.status, endpoints: res.body['endpoints'] }).toEqual({
        status: 201,
        endpoints: [ONE],
      });
      const limited = res.body['access_token'] as string;
      expect(await gw.outcome(limited, `${USERS}/${MANAGER.login}`)).toEqual({ status: 200 });
      for (const path of [`${USERS}?limit=1`, `${USERS}/${MANAGER.login}/photo`]) {
        expect(await gw.outcome(limited, path)).toMatchObject({
          status: 403,
          code: 'endpoint_not_allowed',
        });
      }
      const listed = await gw.call<Json[]>('GET', `/auth/oauth2/clients/${client.id}/tokens`, {
        token: admin,
      });
      expect(listed.body.find((t) => t['id'] === res.body['id'])).toMatchObject({
        endpoints: [ONE],
      });

      // Without `endpoints`, the scopes decide, as before.
      const open = (await issue({ description: 'scopes only' })).body['access_token'] as string;
      expect(await gw.outcome(open, `${USERS}?limit=1`)).toEqual({ status: 200 });
    });

    it('refuses at issue an endpoint the API does not have, that takes no token, or beyond the scopes', async () => {
      for (const [endpoint, says] of [
        ['GET /usuarios/v0.1/api/nothing/{id}', 'is not an endpoint'],
        ['GET /audit/v1/events', 'needs the scopes audit.read'],
        ['POST /auth/oauth2/token', 'takes no bearer token'],
        ['usuarios', 'METHOD /path'],
      ]) {
        const res = await issue({ endpoints: [endpoint] });
        expect({ status: res.status, detail: JSON.stringify(res.body) }).toMatchObject({
          status: 400,
          detail: expect.stringContaining(says) as string,
        });
      }
      const narrower = await issue({ scopes: ['notifications.suite'], endpoints: [ONE] });
      expect(narrower.status).toBe(400);
    });
  });

  describe('003_*: one client for the whole Engage flow', () => {
    it('customer → identifier mapping → manager’s password token → custom_sso → key → session', async () => {
      const customer = await gw.call('POST', '/auth/oauth2/customers', {
        token: admin,
        json: { name: 'Engage customer' },
      });
      expect(customer.status).toBe(201);
      const { customer_id, customer_token } = customer.body as Record<string, string>;
      const engage = await gw.newClient(admin, {
        name: 'engage integration',
        kind: 'password',
        grantTypes: ['password', 'custom_sso'],
        scopes: ['users.suite'],
      });
      expect(engage.body['grantTypes']).toEqual(['password', 'custom_sso']);
      const user = await gw.call('POST', USERS, {
        token: admin,
        json: { id: 'sso.colaborador', name: 'Colaborador', email: 'colaborador@example.com' },
      });
      expect(user.status).toBe(201);

      const auth = (form: Record<string, string>) => gw.call('POST', '/auth', { form });
      const manager = await auth({
        grant_type: 'password',
        username: MANAGER.login,
        password: MANAGER.password,
        client_id: engage.id,
        client_secret: engage.secret,
        customer_id,
      });
      expect(manager.body).toMatchObject({
        client_id: engage.id,
        customer_id,
        user_id: MANAGER.login,
      });
      const mapping = await gw.call(
        'POST',
        `/${customer_id}/users/identifiers?customerToken=${encodeURIComponent(customer_token!)}`,
        {
          token: manager.body['access_token'] as string,
          json: [
            {
              user_login: 'sso.colaborador',
              client_application_id: engage.id,
              identifier: 'ext-77',
            },
          ],
        },
      );
      expect(mapping.status).toBe(201);
      const sso = await auth({
        grant_type: 'custom_sso',
        customer_id: customer_id!,
        customer_token: customer_token!,
        client_id: engage.id,
        client_secret: engage.secret,
        user_identifier: 'ext-77',
      });
      expect(sso.body).toMatchObject({
        client_id: engage.id,
        customer_id,
        user_id: 'sso.colaborador',
        token_type: 'bearer',
      });
      const key = sso.body['key'] as string;
      expect(key).toMatch(/^[0-9a-f-]{36}$/);
      const session = await gw.call('GET', `/servicelogin/sso?key=${key}`, { redirect: 'manual' });
      expect(session.status).toBe(200);
      expect(session.headers.get('set-cookie')).toMatch(/oauth_session=/);
      const again = await gw.call('GET', `/servicelogin/sso?key=${key}`, { redirect: 'manual' });
      expect(again.status).toBe(400);
    });

    it('keeps the defaults safe: no kind has both grants, and a public client gets no custom_sso', async () => {
      const plain = await gw.newClient(admin, { name: 'p', kind: 'password', scopes: [] });
      expect(plain.body['grantTypes']).toEqual(['password', 'refresh_token']);
      const server = await gw.newClient(admin, {
        name: 's',
        kind: 'server',
        scopes: [],
        redirectUris: ['https://app.example/cb'],
      });
      expect(server.body['grantTypes']).not.toContain('password');
      const publicOne = await gw.call('POST', '/auth/oauth2/clients', {
        token: admin,
        json: {
          name: 'x',
          kind: 'password',
          public: true,
          grantTypes: ['password', 'custom_sso'],
          scopes: [],
        },
      });
      expect(publicOne.status).toBe(400);
    });
  });

  describe('002_*: licensing bodies say nome', () => {
    it('creates and lists databases with nome, filters and sorts on it, and refuses name naming nome', async () => {
      const second = created(
        await gw.call('POST', `${LIC}/databases`, {
          token: admin,
          json: { entity: ctx.entity, nome: 'Seeds - homologação' },
        }),
      );
      const old = await gw.call('POST', `${LIC}/databases`, {
        token: admin,
        json: { entity: ctx.entity, name: 'antigo' },
      });
      expect(old.status).toBe(400);
      expect(JSON.stringify(old.body['errors'])).toContain('use nome');
      const filter = encodeURIComponent("nome like 'Seeds%'");
      const list = await gw.call<{ content: Json[] }>(
        'GET',
        `${LIC}/databases?entity=${ctx.entity}&filter=${filter}&sort=${encodeURIComponent('nome asc')}`,
        { token: admin },
      );
      expect(list.status).toBe(200);
      expect(list.body.content.map((d) => [d['id'], d['nome']])).toEqual([
        [second, 'Seeds - homologação'],
        [ctx.database, 'Seeds - produção'],
      ]);
      expect(list.body.content[0]).not.toHaveProperty('name');
    });

    it('documents the new fields in the composed OpenAPI document', async () => {
      const doc = (await gw.call('GET', '/docs/openapi.json')).body as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const props = (name: string) => Object.keys(doc.components.schemas[name]?.properties ?? {});
      expect(props('CreateDatabaseDto')).toEqual(expect.arrayContaining(['entity', 'nome']));
      expect(props('CreateDatabaseDto')).not.toContain('name');
      expect(props('DatabaseResponse')).toContain('nome');
      expect(props('CreateClientDto')).toContain('license');
      expect(props('IssueClientTokenDto')).toContain('endpoints');
      expect(props('AccessResponse')).toContain('lastActivityAt');
    });
  });

  describe('002_*: a service token checks a license without User-Access', () => {
    it('answers a service client’s token from the query’s context, and still refuses a user without context', async () => {
      const other = {
        ...ctx,
        system: created(
          await gw.call('POST', `${LIC}/sistemas`, { token: admin, json: { nome: 'Outro' } }),
        ),
      };
      const active = await license(fromNow(-60_000), fromNow(3_600_000), other);
      const checker = await gw.newClient(admin, {
        name: 'checker',
        kind: 'service',
        scopes: ['licenses.suite'],
      });
      const token = await gw.clientToken(checker, 'licenses.suite');
      const valid = await gw.call('GET', `${LIC}/licensing/validate?${query(other)}`, { token });
      expect({ status: valid.status, body: valid.body }).toMatchObject({
        status: 200,
        body: { valid: true, code: 'VALID' },
      });
      const latest = await gw.call('GET', `${LIC}/licensing?${query(other)}`, { token });
      expect({ status: latest.status, id: latest.body['id'] }).toEqual({ status: 200, id: active });
      const none = await gw.call(
        'GET',
        `${LIC}/licensing/validate?${query({ ...ctx, system: randomUUID() })}`,
        { token },
      );
      expect({ status: none.status, body: none.body }).toMatchObject({
        status: 403,
        body: { valid: false, code: 'NOT_FOUND' },
      });
      // The context's own license was revoked above: 403 with the reason.
      const revoked = await gw.call('GET', `${LIC}/licensing/validate?${query(ctx)}`, { token });
      expect(revoked.body).toMatchObject({ valid: false, code: 'REVOKED' });

      const suite = await gw.newClient(admin, {
        name: 'suite',
        kind: 'password',
        scopes: ['licenses.suite'],
      });
      const user = await gw.call('POST', '/auth/oauth2/token', {
        form: {
          grant_type: 'password',
          username: MANAGER.login,
          password: MANAGER.password,
          scope: 'licenses.suite',
          client_id: suite.id,
          client_secret: suite.secret,
        },
      });
      const userToken = user.body['access_token'] as string;
      const refused = await gw.call('GET', `${LIC}/licensing/validate?${query(other)}`, {
        token: userToken,
      });
      expect(refused.status).toBe(403);
      expect(refused.body).not.toHaveProperty('valid');
    });
  });

  describe('002_*: the access list shows each access’s last activity', () => {
    it('sets lastActivityAt from the gateway’s use of the User-Access, batched', async () => {
      const login = 'atividade.usuario';
      const password = 'atividade-password-123';
      expect(
        (
          await gw.call('POST', USERS, {
            token: admin,
            json: { id: login, name: 'Atividade', email: 'atividade@example.com', password },
          })
        ).status,
      ).toBe(201);
      const access = await eventually(async () => {
        const res = await gw.call('POST', `${AUTHZ}/management/access`, {
          token: admin,
          json: {
            user: login,
            admin: false,
            context: { entity: ctx.entity, database: ctx.database },
          },
        });
        return res.status === 422 ? undefined : created(res);
      });
      const listed = async () =>
        (
          await gw.call<{ content: Json[] }>(
            'GET',
            `${AUTHZ}/management/access?filter=${encodeURIComponent(`id = '${access}'`)}`,
            { token: admin },
          )
        ).body.content[0];
      expect(await listed()).toMatchObject({ id: access, lastActivityAt: null });

      const suite = await gw.newClient(admin, {
        name: 'suite',
        kind: 'password',
        scopes: ['user-accounts.suite'],
      });
      const user = await gw.call('POST', '/auth/oauth2/token', {
        form: {
          grant_type: 'password',
          username: login,
          password,
          scope: 'user-accounts.suite',
          client_id: suite.id,
          client_secret: suite.secret,
        },
      });
      // The gateway hears of the access by its event: `User-Access` is refused until then.
      let usedAt = 0;
      await eventually(async () => {
        usedAt = Date.now();
        const mine = await gw.call('GET', `${AUTHZ}/suite/users/@me/access`, {
          token: user.body['access_token'] as string,
          access,
        });
        return mine.status === 200 ? true : undefined;
      });
      // At most a minute (noting) + 10 s (hand-over) + delivery behind; a first use is noted at once.
      const seen = await eventually(
        async () => {
          const row = await listed();
          return row?.['lastActivityAt'] ? row : undefined;
        },
        30_000,
        500,
      );
      expect(Math.abs(Date.parse(seen['lastActivityAt'] as string) - usedAt)).toBeLessThan(2_000);
      measured['lastActivityAt visible after the use (ms)'] = Date.now() - usedAt;
    }, 60_000);
  });

  describe('after a restart, the license view is rebuilt from oauth and licensing', () => {
    it(
      'keeps refusing a client whose license was revoked, and admits one whose license is valid',
      async () => {
        const valid = await license(fromNow(-60_000), fromNow(3_600_000));
        const doomed = await license(fromNow(-60_000), fromNow(3_600_000));
        const good = await gw.newClient(admin, {
          name: 'good',
          kind: 'service',
          scopes: ['users.suite'],
          license: valid,
        });
        const bad = await gw.newClient(admin, {
          name: 'bad',
          kind: 'service',
          scopes: ['users.suite'],
          license: doomed,
        });
        const goodToken = await gw.clientToken(good, 'users.suite');
        const badToken = await gw.clientToken(bad, 'users.suite');
        expect(
          (await gw.call('POST', `${LIC}/licensing/${doomed}/revoke`, { token: admin, json: {} }))
            .status,
        ).toBe(200);
        const PROBE = `${USERS}?limit=1`;
        await eventually(async () =>
          (await gw.outcome(badToken, PROBE)).status === 403 ? true : undefined,
        );

        if (run) expect(await stop(run)).toBe(0);
        await boot(env, url);
        expect(await gw.outcome(badToken, PROBE)).toEqual({
          status: 403,
          code: 'license_inactive',
          reason: 'REVOKED',
          license: doomed,
        });
        expect(await gw.outcome(goodToken, PROBE)).toEqual({ status: 200 });
      },
      BOOT_LIMIT_MS + 60_000,
    );
  });
});

function query(c: Context): string {
  return `database=${c.database}&entity=${c.entity}&system=${c.system}`;
}
