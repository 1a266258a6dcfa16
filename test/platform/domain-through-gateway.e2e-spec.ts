import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  type ClientCredentials,
  makeDataDir,
  type Run,
  tokenRequest,
  startPlatform,
  stopPlatform,
} from './launcher';
import { seedMessageBody } from '../domain/support/seed-message';

/*
 * The domain APIs of spec §4 as a caller meets them: the whole platform started as `npm start`
 * does, every request sent to the gateway with a real OAuth token (client credentials for the
 * platform administrator, the password grant for users), paths and bodies as `002_*` shows them.
 */

const BOOTSTRAP = { id: 'e2e-platform-admin', secret: 'e2e-bootstrap-secret-0123456789abcdef' };
const PLATFORM_ADMIN = { login: 'root.e2e', password: 'root-password-0123456789' };
/** What the suite's user tokens ask for (spec §2 table). */
const USER_SCOPES = [
  'user-accounts.suite',
  'licenses.suite',
  'suite.services',
  'users.suite',
  'notifications.suite',
];
/** The seed's curls send this even on GET and DELETE, without a body. */
const SEED_JSON = { 'content-type': 'application/json' };
const AUTHZ = '/user-accounts/v0.1/api';
const LIC = '/licenses/v0.1/api';
const USERS = '/usuarios/v0.1/api/usuarios';
const MESSAGES = '/notifications/api/messages';
/** A 1×1 PNG: the photo routes check the bytes, not just the declared type. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

type Json = Record<string, unknown>;
interface Page<T = Json> {
  offset: number;
  limit: number;
  hasNext: boolean;
  content: T[];
}
interface Reply<T = Json> {
  status: number;
  body: T;
  contentType: string;
  bytes: Buffer;
}
interface CallOptions {
  token?: string;
  /** The `User-Access` header. */
  access?: string;
  json?: unknown;
  raw?: { body: Buffer; contentType: string };
  /** Extra headers, e.g. the `Content-Type: application/json` the seed's curls send without a body. */
  headers?: Record<string, string>;
  /** The seed writes `authorization: bearer …` for some APIs; the scheme is case-insensitive. */
  scheme?: 'Bearer' | 'bearer';
}
interface Ctx {
  entity: string;
  database: string;
}
interface Person {
  login: string;
  password: string;
  token: string;
}

describe('the domain APIs through the gateway of `npm start` (spec §4, `002_*`)', () => {
  const dataDir = makeDataDir('platform-domain-');
  let run: Run | undefined;
  let gateway: string;
  let admin: string;
  let suiteClient: { id: string; secret: string };
  const people: Record<'ana' | 'bruno' | 'carla' | 'davi' | 'eva', Person> = {
    ana: { login: 'ana.gestora', password: 'senha-da-ana-123', token: '' },
    bruno: { login: 'bruno.servidor', password: 'senha-do-bruno-123', token: '' },
    carla: { login: 'carla.solicitante', password: 'senha-da-carla-123', token: '' },
    davi: { login: 'davi.recusado', password: 'senha-do-davi-123', token: '' },
    eva: { login: 'eva.desligada', password: 'senha-da-eva-123', token: '' },
  };
  const { ana, bruno, carla, davi, eva } = people;
  let ctx: Ctx;
  let otherEntity: string;
  let system: string;
  let anaAccess: string;
  let brunoAccess: string;

  async function call<T = Json>(
    method: string,
    path: string,
    o: CallOptions = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers['authorization'] = `${o.scheme ?? 'Bearer'} ${o.token}`;
    if (o.access) headers['user-access'] = o.access;
    let body: string | Buffer | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.raw) {
      headers['content-type'] = o.raw.contentType;
      body = o.raw.body;
    }
    const res = await fetch(gateway + path, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    const parsed =
      /json/.test(contentType) && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : null;
    return { status: res.status, body: parsed as T, contentType, bytes };
  }

  /** `POST /auth/oauth2/token` with client_secret_basic (RFC 6749 §2.3.1). */
  async function token(client: ClientCredentials, form: Record<string, string>): Promise<Reply> {
    const res = await tokenRequest(gateway, client, form);
    return {
      status: res.status,
      body: (await res.json()) as Json,
      contentType: res.headers.get('content-type') ?? '',
      bytes: Buffer.alloc(0),
    };
  }

  async function userToken(
    p: { login: string; password: string },
    scopes = USER_SCOPES,
  ): Promise<string> {
    const res = await token(suiteClient, {
      grant_type: 'password',
      username: p.login,
      password: p.password,
      scope: scopes.join(' '),
    });
    expect(res).toMatchObject({ status: 200, body: { token_type: 'bearer' } });
    return res.body['access_token'] as string;
  }

  const ids = (page: Reply<Page>): string[] => page.body.content.map((x) => x['id'] as string);

  beforeAll(
    async () => {
      ({ gateway, run } = await startPlatform(
        dataDir,
        {
          BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
          BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
          BOOTSTRAP_ADMIN_LOGIN: PLATFORM_ADMIN.login,
          BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
        },
        { label: 'domain through the gateway' },
      ));
      const issued = await token(BOOTSTRAP, { grant_type: 'client_credentials' });
      expect(issued.status).toBe(200);
      expect(String(issued.body['scope']).split(' ')).toEqual(
        expect.arrayContaining(['platform.admin', ...USER_SCOPES]),
      );
      admin = issued.body['access_token'] as string;
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 10_000,
  );

  afterAll(() => stopPlatform(run, dataDir), 30_000);

  it('lets the platform admin register users and a password client; users get their own tokens', async () => {
    const created = await call('POST', '/auth/oauth2/clients', {
      token: admin,
      json: { name: 'Suite (e2e)', kind: 'password', scopes: USER_SCOPES },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { kind: 'password', grantTypes: expect.arrayContaining(['password']) },
    });
    suiteClient = {
      id: created.body['client_id'] as string,
      secret: created.body['client_secret'] as string,
    };

    for (const p of Object.values(people)) {
      const res = await call('POST', USERS, {
        token: admin,
        json: {
          id: p.login,
          name: p.login.replace('.', ' '),
          email: `${p.login}@example.com`,
          password: p.password,
        },
      });
      expect(res).toMatchObject({
        status: 201,
        body: { id: p.login, status: 'active', platformAdmin: false },
      });
      expect(res.body).not.toHaveProperty('password');
    }
    expect(
      (
        await call('POST', USERS, {
          token: admin,
          json: { id: ana.login, name: 'x', email: 'x@example.com' },
        })
      ).status,
    ).toBe(409);

    for (const p of Object.values(people)) p.token = await userToken(p);
    // The user directory is not the admin's to write with a user token.
    expect(
      (
        await call('POST', USERS, {
          token: ana.token,
          json: { id: 'z.z', name: 'z', email: 'z@example.com' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await token(suiteClient, {
          grant_type: 'password',
          username: ana.login,
          password: 'errada-123',
        })
      ).status,
    ).toBe(400);
  });

  it('lets the platform admin create entities, a database and a system in licensing', async () => {
    const entity = await call('POST', `${LIC}/entidades`, {
      token: admin,
      json: {
        nome: 'Prefeitura de Criciúma',
        esfera: 'MUNICIPAL',
        cnpj: '82.916.817/0001-35',
        uf: 'SC',
        municipio: 'Criciúma',
      },
    });
    expect(entity).toMatchObject({
      status: 201,
      body: { nome: 'Prefeitura de Criciúma', esfera: 'MUNICIPAL' },
    });
    const other = await call('POST', `${LIC}/entidades`, {
      token: admin,
      json: { nome: 'Câmara de Içara', esfera: 'MUNICIPAL' },
    });
    expect(other.status).toBe(201);
    otherEntity = other.body['id'] as string;
    const database = await call('POST', `${LIC}/databases`, {
      token: admin,
      json: { entity: entity.body['id'], nome: 'Criciúma - produção' },
    });
    expect(database).toMatchObject({ status: 201, body: { entity: entity.body['id'] } });
    ctx = { entity: entity.body['id'] as string, database: database.body['id'] as string };
    const sistema = await call('POST', `${LIC}/sistemas`, {
      token: admin,
      json: { nome: 'Folha' },
    });
    expect(sistema).toMatchObject({ status: 201, body: { nome: 'Folha' } });
    system = sistema.body['id'] as string;
    // Creation is the platform admin's: a user token is refused.
    expect(
      (
        await call('POST', `${LIC}/entidades`, {
          token: ana.token,
          json: { nome: 'X', esfera: 'MUNICIPAL' },
        })
      ).status,
    ).toBe(403);
  });

  it('grants the first context admin as platform.admin; the User-Access then works at the gateway', async () => {
    // authorizations learns the context from licensing's database.created: 422 until it has.
    const granted = await eventually(
      async () => {
        const res = await call('POST', `${AUTHZ}/management/access`, {
          token: admin,
          json: { user: ana.login, admin: true, context: ctx },
        });
        if (res.status === 422) return undefined;
        return res;
      },
      10_000,
      50,
    );
    expect(granted).toMatchObject({
      status: 201,
      body: { user: ana.login, admin: true, role: 'admin', context: ctx, active: true },
    });
    anaAccess = granted.body['id'] as string;
    const mine = await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, {
      token: ana.token,
      scheme: 'bearer',
    });
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual([anaAccess]);
    // The gateway learns the access from access.granted.
    const listed = await eventually(
      async () => {
        const res = await call<Page>('GET', `${AUTHZ}/management/access?limit=20&offset=0`, {
          token: ana.token,
          access: anaAccess,
        });
        return res.status === 200 ? res : undefined;
      },
      5_000,
      50,
    );
    expect(listed.body).toMatchObject({ offset: 0, limit: 20, hasNext: false });
    expect(listed.body.content.map((a) => a['user'])).toEqual([ana.login]);
    // Another user cannot use Ana's access.
    expect(
      (await call('GET', `${AUTHZ}/management/access`, { token: bruno.token, access: anaAccess }))
        .status,
    ).toBe(403);
  });

  it('lets the context admin grant, list and remove accesses (seed bodies, User-Access)', async () => {
    const granted = await call('POST', `${AUTHZ}/management/access`, {
      token: ana.token,
      access: anaAccess,
      json: { user: bruno.login, admin: false, context: ctx },
    });
    expect(granted).toMatchObject({
      status: 201,
      body: { user: bruno.login, admin: false, role: 'user', grantedBy: ana.login },
    });
    brunoAccess = granted.body['id'] as string;
    const spare = await call('POST', `${AUTHZ}/management/access`, {
      token: ana.token,
      access: anaAccess,
      json: { user: davi.login, admin: false, context: ctx },
    });
    expect(spare.status).toBe(201);

    const listed = await call<Page>('GET', `${AUTHZ}/management/access?limit=20&offset=0`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(listed.body.content.map((a) => a['user']).sort()).toEqual(
      [ana.login, bruno.login, davi.login].sort(),
    );
    expect(
      ids(await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, { token: bruno.token })),
    ).toEqual([brunoAccess]);

    // As the seed sends it: `Content-Type: application/json` and no body.
    const removed = await call(
      'DELETE',
      `${AUTHZ}/management/access/${spare.body['id'] as string}`,
      {
        token: ana.token,
        access: anaAccess,
        headers: SEED_JSON,
      },
    );
    expect(removed.status).toBe(204);
    expect(
      (await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, { token: davi.token })).body
        .content,
    ).toEqual([]);
    expect(
      (
        await call('DELETE', `${AUTHZ}/management/access/${spare.body['id'] as string}`, {
          token: ana.token,
          access: anaAccess,
        })
      ).status,
    ).toBe(404);

    // Bruno's is a plain access: management is refused (once the gateway knows the access).
    const brunoManages = await eventually(
      async () => {
        const res = await call('GET', `${AUTHZ}/management/access`, {
          token: bruno.token,
          access: brunoAccess,
        });
        return res.status === 403 && /admin/.test(String(res.body['detail'])) ? res : undefined;
      },
      5_000,
      50,
    );
    expect(brunoManages.status).toBe(403);
    expect((await call('GET', `${AUTHZ}/management/access`, { token: bruno.token })).status).toBe(
      403,
    );
  });

  it('answers the licensing reads of the seed for the caller context only', async () => {
    const atual = await call('GET', `${LIC}/entidades/atual/`, {
      token: ana.token,
      access: anaAccess,
      headers: SEED_JSON,
    });
    expect(atual).toMatchObject({
      status: 200,
      body: { id: ctx.entity, nome: 'Prefeitura de Criciúma', esfera: 'MUNICIPAL', uf: 'SC' },
    });
    // Without User-Access there is no "current entity".
    expect((await call('GET', `${LIC}/entidades/atual/`, { token: ana.token })).status).toBe(403);

    // The seed's query string verbatim, trailing `&=` included.
    const inScope = await call<Page>(
      'GET',
      `${LIC}/entidades/atual/entidades?limit=20&offset=0&sort=nome%20asc&=`,
      {
        token: ana.token,
        access: anaAccess,
        headers: SEED_JSON,
      },
    );
    expect(inScope.body).toMatchObject({ offset: 0, limit: 20, hasNext: false });
    expect(ids(inScope)).toEqual([ctx.entity]);
    const all = await call<Page>(
      'GET',
      `${LIC}/entidades/atual/entidades?sort=nome%20asc&filter=${encodeURIComponent("esfera = 'MUNICIPAL'")}`,
      {
        token: admin,
      },
    );
    expect(ids(all)).toEqual([otherEntity, ctx.entity]);

    const databases = await call<Page>('GET', `${LIC}/databases?entity=${ctx.entity}`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(databases.status).toBe(200);
    expect(ids(databases)).toEqual([ctx.database]);
    expect(
      (
        await call('GET', `${LIC}/databases?entity=${otherEntity}`, {
          token: ana.token,
          access: anaAccess,
        })
      ).status,
    ).toBe(403);

    const dados = await call<Page>('GET', '/licenses/dados/v0.1/api/entidades?fields=esfera', {
      token: ana.token,
      access: anaAccess,
    });
    expect(dados.status).toBe(200);
    expect(dados.body.content).toEqual([{ id: ctx.entity, esfera: 'MUNICIPAL' }]);
    // The data source also needs suite.services: the gateway refuses a token without it.
    const narrow = await userToken(ana, ['licenses.suite']);
    const refused = await call('GET', '/licenses/dados/v0.1/api/entidades?fields=esfera', {
      token: narrow,
      access: anaAccess,
    });
    expect(refused.status).toBe(403);
    expect(
      (await call('GET', `${LIC}/entidades/atual/`, { token: narrow, access: anaAccess })).status,
    ).toBe(200);
  });

  it('creates, reads, validates, extends and revokes a license', async () => {
    const q = `database=${ctx.database}&entity=${ctx.entity}&system=${system}`;
    const none = await call('GET', `${LIC}/licensing/validate?${q}`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(none).toMatchObject({
      status: 403,
      body: { valid: false, code: 'NOT_FOUND', detail: expect.any(String) },
    });

    const from = new Date(Date.now() - 60_000).toISOString();
    const validUntil = new Date(Date.now() + 3_600_000).toISOString();
    const created = await call('POST', `${LIC}/licensing`, {
      token: admin,
      json: { entity: ctx.entity, database: ctx.database, system, validFrom: from, validUntil },
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'active', validUntil } });
    const id = created.body['id'] as string;
    expect(
      (
        await call('POST', `${LIC}/licensing`, {
          token: ana.token,
          access: anaAccess,
          json: { entity: ctx.entity, database: ctx.database, system, validFrom: from, validUntil },
        })
      ).status,
    ).toBe(403);

    // As the seed sends them: a bearer token and the query, no User-Access (a platform.admin token).
    expect(
      await call('GET', `${LIC}/licensing?${q}`, { token: admin, headers: SEED_JSON }),
    ).toMatchObject({ status: 200, body: { id } });
    expect(
      await call('GET', `${LIC}/licensing?${q}`, { token: ana.token, access: anaAccess }),
    ).toMatchObject({ status: 200, body: { id } });
    expect(
      await call('GET', `${LIC}/licensing/validate?${q}`, { token: ana.token, access: anaAccess }),
    ).toMatchObject({
      status: 200,
      body: { valid: true, code: 'VALID' },
    });
    // Another context's licensing is not Ana's to read.
    expect(
      (
        await call(
          'GET',
          `${LIC}/licensing/validate?database=${ctx.database}&entity=${otherEntity}&system=${system}`,
          {
            token: ana.token,
            access: anaAccess,
          },
        )
      ).status,
    ).toBe(403);

    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect(
      await call('PATCH', `${LIC}/licensing/${id}`, { token: admin, json: { validUntil: later } }),
    ).toMatchObject({
      status: 200,
      body: { validUntil: later },
    });
    expect(
      (
        await call('POST', `${LIC}/licensing/${id}/revoke`, {
          token: admin,
          json: { reason: 'inadimplência' },
        })
      ).status,
    ).toBe(200);
    const revoked = await call('GET', `${LIC}/licensing/validate?${q}`, { token: admin });
    expect(revoked).toMatchObject({
      status: 403,
      body: { valid: false, code: 'REVOKED', detail: expect.any(String) },
    });
    expect(
      (await call('POST', `${LIC}/licensing/${id}/revoke`, { token: admin, json: {} })).status,
    ).toBe(409);
  });

  it('says why a license is not valid: not yet valid, expired', async () => {
    const validate = (sys: string) =>
      call(
        'GET',
        `${LIC}/licensing/validate?database=${ctx.database}&entity=${ctx.entity}&system=${sys}`,
        {
          token: ana.token,
          access: anaAccess,
        },
      );
    const license = async (
      nome: string,
      validFrom: number,
      validUntil: number,
    ): Promise<string> => {
      const sys = await call('POST', `${LIC}/sistemas`, { token: admin, json: { nome } });
      expect(sys.status).toBe(201);
      const created = await call('POST', `${LIC}/licensing`, {
        token: admin,
        json: {
          entity: ctx.entity,
          database: ctx.database,
          system: sys.body['id'],
          validFrom: new Date(validFrom).toISOString(),
          validUntil: new Date(validUntil).toISOString(),
        },
      });
      expect(created.status).toBe(201);
      return sys.body['id'] as string;
    };
    const future = await license('Tributos', Date.now() + 3_600_000, Date.now() + 7_200_000);
    expect(await validate(future)).toMatchObject({
      status: 403,
      body: { valid: false, code: 'NOT_YET_VALID' },
    });
    const ending = await license('Saúde', Date.now() - 60_000, Date.now() + 1_000);
    expect(await validate(ending)).toMatchObject({
      status: 200,
      body: { valid: true, code: 'VALID' },
    });
    const expired = await eventually(
      async () => {
        const res = await validate(ending);
        return res.status === 200 ? undefined : res;
      },
      5_000,
      100,
    );
    expect(expired).toMatchObject({
      status: 403,
      body: { valid: false, code: 'EXPIRED', detail: expect.any(String) },
    });
  });

  it('serves the user directory, its filter and photos', async () => {
    // The seed's form: trailing slash, `filter=id%3D'login'`.
    const filtered = await call<Page>('GET', `${USERS}/?filter=id%3D'${carla.login}'`, {
      token: bruno.token,
    });
    expect(filtered.status).toBe(200);
    expect(ids(filtered)).toEqual([carla.login]);
    const byId = await call('GET', `${USERS}/${carla.login}`, { token: bruno.token });
    expect(byId).toMatchObject({
      status: 200,
      body: { id: carla.login, email: `${carla.login}@example.com`, status: 'active' },
    });
    expect((await call('GET', `${USERS}/ninguem.aqui`, { token: bruno.token })).status).toBe(404);

    expect((await call('GET', `${USERS}/${ana.login}/photo`, { token: bruno.token })).status).toBe(
      404,
    );
    const put = await call('PUT', `${USERS}/${ana.login}/photo`, {
      token: ana.token,
      raw: { body: PNG, contentType: 'image/png' },
    });
    expect(put.status).toBe(204);
    const photo = await call('GET', `${USERS}/${ana.login}/photo`, { token: bruno.token });
    expect(photo.status).toBe(200);
    expect(photo.contentType).toBe('image/png');
    expect(photo.bytes.equals(PNG)).toBe(true);
    // Checked by content, and only the user (or an admin) changes it.
    expect(
      (
        await call('PUT', `${USERS}/${ana.login}/photo`, {
          token: ana.token,
          raw: { body: PNG, contentType: 'image/jpeg' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('PUT', `${USERS}/${ana.login}/photo`, {
          token: bruno.token,
          raw: { body: PNG, contentType: 'image/png' },
        })
      ).status,
    ).toBe(403);
  });

  it('sends USER and CONTEXT messages (seed body) and keeps read state per user', async () => {
    const toBruno = await call('POST', MESSAGES, {
      token: ana.token,
      access: anaAccess,
      json: seedMessageBody(bruno.login),
    });
    expect(toBruno).toMatchObject({
      status: 201,
      body: {
        systemId: '137',
        user: bruno.login,
        destination: 'USER',
        type: 'SCRIPT_EXECUTADO',
        userDestined: true,
        read: false,
      },
    });
    const userMessage = toBruno.body['id'] as string;
    expect(
      ids(await call<Page>('GET', MESSAGES, { token: bruno.token, scheme: 'bearer' })),
    ).toContain(userMessage);
    expect(
      ids(await call<Page>('GET', MESSAGES, { token: ana.token, access: anaAccess })),
    ).not.toContain(userMessage);

    const toContext = await call('POST', MESSAGES, {
      token: ana.token,
      access: anaAccess,
      json: { text: 'Manutenção às 22h', destination: 'CONTEXT', type: 'AVISO' },
    });
    expect(toContext).toMatchObject({ status: 201, body: { context: ctx, contextDestined: true } });
    const contextMessage = toContext.body['id'] as string;
    // Bruno sees the context's message only while acting in that context; Carla has no access to it.
    expect(
      ids(await call<Page>('GET', MESSAGES, { token: bruno.token, access: brunoAccess })),
    ).toEqual(expect.arrayContaining([userMessage, contextMessage]));
    expect(ids(await call<Page>('GET', MESSAGES, { token: carla.token }))).not.toContain(
      contextMessage,
    );
    expect(
      (
        await call('POST', MESSAGES, {
          token: bruno.token,
          json: {
            text: 'x',
            destination: 'CONTEXT',
            context: { entity: otherEntity, database: ctx.database },
          },
        })
      ).status,
    ).toBe(403);

    const read = await call('POST', `${MESSAGES}/${contextMessage}/read`, {
      token: bruno.token,
      access: brunoAccess,
    });
    expect(read).toMatchObject({ status: 200, body: { id: contextMessage, read: true } });
    expect(
      ids(
        await call<Page>('GET', `${MESSAGES}/reads`, { token: bruno.token, access: brunoAccess }),
      ),
    ).toContain(contextMessage);
    expect(
      ids(
        await call<Page>('GET', `${MESSAGES}/unreads`, { token: bruno.token, access: brunoAccess }),
      ),
    ).not.toContain(contextMessage);
    // Read state is per user: Ana has not read it.
    expect(
      ids(await call<Page>('GET', `${MESSAGES}/unreads`, { token: ana.token, access: anaAccess })),
    ).toContain(contextMessage);

    const unread = await call('POST', `${MESSAGES}/${contextMessage}/unread`, {
      token: bruno.token,
      access: brunoAccess,
    });
    expect(unread).toMatchObject({ status: 200, body: { read: false } });
    expect(
      ids(
        await call<Page>('GET', `${MESSAGES}/unreads`, { token: bruno.token, access: brunoAccess }),
      ),
    ).toEqual(expect.arrayContaining([userMessage, contextMessage]));
    const all = await call('POST', `${MESSAGES}/read-all`, {
      token: bruno.token,
      access: brunoAccess,
    });
    expect(all).toMatchObject({ status: 200, body: { read: 2 } });
    expect(
      (await call<Page>('GET', `${MESSAGES}/unreads`, { token: bruno.token, access: brunoAccess }))
        .body.content,
    ).toEqual([]);
  });

  it('runs ask → admin notified → allow → User-Access works → delete → refused within a second', async () => {
    const asked = await call('POST', `${AUTHZ}/suite/users/@me/requests`, {
      token: carla.token,
      json: { context: ctx, message: 'Preciso acessar a folha' },
    });
    expect(asked).toMatchObject({
      status: 201,
      body: { user: carla.login, status: 'pending', context: ctx },
    });
    const requestId = asked.body['id'] as string;

    // notifications turns access_request.created into a message for the context's admins.
    const notice = await eventually(
      async () => {
        const page = await call<Page>('GET', MESSAGES, { token: ana.token, access: anaAccess });
        return page.body.content.find(
          (m) => m['type'] === 'ACCESS_REQUEST' && m['aggregationMessageId'] === requestId,
        );
      },
      5_000,
      50,
    );
    expect(notice['text']).toContain(carla.login);
    expect(notice['text']).toContain('Preciso acessar a folha');
    // Admins only: Bruno, in the same context, does not get it.
    const brunoSees = await call<Page>('GET', MESSAGES, {
      token: bruno.token,
      access: brunoAccess,
    });
    expect(ids(brunoSees)).not.toContain(notice['id']);

    const requests = await call<Page>(
      'GET',
      `${AUTHZ}/management/request?limit=20&offset=0&order=name%20asc`,
      {
        token: ana.token,
        access: anaAccess,
      },
    );
    expect(requests.status).toBe(200);
    expect(ids(requests)).toContain(requestId);
    expect(
      (
        await call('POST', `${AUTHZ}/management/request/${requestId}/allow`, {
          token: bruno.token,
          access: brunoAccess,
        })
      ).status,
    ).toBe(403);

    const allowed = await call('POST', `${AUTHZ}/management/request/${requestId}/allow`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(allowed).toMatchObject({
      status: 200,
      body: { status: 'approved', decidedBy: ana.login },
    });
    const carlaAccess = allowed.body['accessId'] as string;
    const mine = await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, { token: carla.token });
    expect(ids(mine)).toEqual([carlaAccess]);

    // Carla's User-Access selects the context at the gateway once access.granted has reached it.
    const contextRoute = `${LIC}/entidades/atual/`;
    const working = await eventually(
      async () => {
        const res = await call('GET', contextRoute, { token: carla.token, access: carlaAccess });
        return res.status === 200 ? res : undefined;
      },
      5_000,
      50,
    );
    expect(working.body).toMatchObject({ id: ctx.entity });

    const started = Date.now();
    const deleted = await call('DELETE', `${AUTHZ}/management/access/${carlaAccess}`, {
      token: ana.token,
      access: anaAccess,
      headers: SEED_JSON,
    });
    expect(deleted.status).toBe(204);
    let refused: Reply | undefined;
    while (!refused && Date.now() - started < 5_000) {
      const res = await call('GET', contextRoute, { token: carla.token, access: carlaAccess });
      if (res.status === 403) refused = res;
      else expect(res.status).toBe(200);
      if (!refused) await sleep(10);
    }
    const latencyMs = Date.now() - started;
    process.stdout.write(
      `domain through the gateway: access deleted → User-Access refused at the gateway in ${latencyMs} ms (limit 1000 ms)\n`,
    );
    expect(refused).toMatchObject({
      status: 403,
      body: { detail: expect.stringContaining('User-Access') },
    });
    expect(latencyMs).toBeLessThan(1000);
    expect(
      (await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, { token: carla.token })).body
        .content,
    ).toEqual([]);
  });

  it('denies a request and tells the requester', async () => {
    const asked = await call('POST', `${AUTHZ}/suite/users/@me/requests`, {
      token: davi.token,
      json: { context: ctx },
    });
    expect(asked.status).toBe(201);
    const requestId = asked.body['id'] as string;
    const denied = await call('POST', `${AUTHZ}/management/request/${requestId}/deny`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(denied).toMatchObject({
      status: 200,
      body: { status: 'denied', decidedBy: ana.login, accessId: null },
    });
    expect(
      (
        await call('POST', `${AUTHZ}/management/request/${requestId}/allow`, {
          token: ana.token,
          access: anaAccess,
        })
      ).status,
    ).toBe(409);
    const told = await eventually(
      async () => {
        const page = await call<Page>('GET', `${MESSAGES}/unreads`, {
          token: davi.token,
          scheme: 'bearer',
        });
        return page.body.content.find(
          (m) => m['type'] === 'ACCESS_REQUEST_DENIED' && m['aggregationMessageId'] === requestId,
        );
      },
      5_000,
      50,
    );
    expect(told['text']).toBe('Seu pedido de acesso foi negado.');
    expect(
      (await call<Page>('GET', `${AUTHZ}/suite/users/@me/access`, { token: davi.token })).body
        .content,
    ).toEqual([]);
  });

  it("disables a user: the user's token is refused at the gateway (401) within a second", async () => {
    expect((await call('GET', `${USERS}/${eva.login}`, { token: eva.token })).status).toBe(200);
    const started = Date.now();
    const disabled = await call('PATCH', `${USERS}/${eva.login}`, {
      token: admin,
      json: { status: 'disabled' },
    });
    expect(disabled).toMatchObject({ status: 200, body: { id: eva.login, status: 'disabled' } });
    let refused: Reply | undefined;
    while (!refused && Date.now() - started < 5_000) {
      const res = await call('GET', `${USERS}/${eva.login}`, { token: eva.token });
      if (res.status === 401) refused = res;
      else expect(res.status).toBe(200);
      if (!refused) await sleep(10);
    }
    const latencyMs = Date.now() - started;
    process.stdout.write(
      `domain through the gateway: user disabled → token refused at the gateway in ${latencyMs} ms\n`,
    );
    expect(refused?.status).toBe(401);
    expect(latencyMs).toBeLessThan(1000);
    // Nor does the user get a new token; other users are unaffected.
    expect(
      (
        await token(suiteClient, {
          grant_type: 'password',
          username: eva.login,
          password: eva.password,
        })
      ).status,
    ).toBe(400);
    expect((await call('GET', `${USERS}/${eva.login}`, { token: bruno.token })).body).toMatchObject(
      { status: 'disabled' },
    );
  });

  it('answers bad input with 4xx problems through the gateway, never a 5xx; oversized bodies get 413', async () => {
    const invalid = await call('POST', `${AUTHZ}/management/access`, {
      token: ana.token,
      access: anaAccess,
      json: { user: 'x', admin: 'sim', context: { entity: ctx.entity } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toContain('application/problem+json');
    const fields = (invalid.body['errors'] as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['admin', 'context.database']));

    const page = await call<Page>('GET', `${AUTHZ}/management/access?limit=1&offset=0`, {
      token: ana.token,
      access: anaAccess,
    });
    expect(page.body).toMatchObject({ offset: 0, limit: 1, hasNext: true });
    expect(page.body.content).toHaveLength(1);
    expect(
      (
        await call('GET', `${AUTHZ}/management/access?limit=101`, {
          token: ana.token,
          access: anaAccess,
        })
      ).status,
    ).toBe(400);
    const badFilter = await call(
      'GET',
      `${USERS}?filter=${encodeURIComponent("senha = 'x' or 1=1")}`,
      { token: bruno.token },
    );
    expect(badFilter.status).toBe(400);
    expect(badFilter.contentType).toContain('application/problem+json');
    expect(
      (
        await call('GET', `${MESSAGES}?filter=${encodeURIComponent('type = ')}`, {
          token: bruno.token,
        })
      ).status,
    ).toBe(400);
    expect((await call('POST', `${MESSAGES}/nao-e-uuid/read`, { token: bruno.token })).status).toBe(
      400,
    );

    const tooMuchJson = await call('POST', MESSAGES, {
      token: bruno.token,
      json: { text: 'x'.repeat(1024 * 1024 + 1), destination: 'USER', user: bruno.login },
    });
    expect(tooMuchJson.status).toBe(413);
    const bigPhoto = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBigPhoto = await call('PUT', `${USERS}/${bruno.login}/photo`, {
      token: bruno.token,
      raw: { body: bigPhoto, contentType: 'image/png' },
    });
    expect(tooBigPhoto.status).toBe(413);
    // Just under the photo limit is accepted: the 413 above is the size, not the route.
    const fitting = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length)]);
    expect(
      (
        await call('PUT', `${USERS}/${bruno.login}/photo`, {
          token: bruno.token,
          raw: { body: fitting, contentType: 'image/png' },
        })
      ).status,
    ).toBe(204);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
