import { eventually } from '@platform/testing';
import { startReceiver, type Receiver } from '../webhooks/harness';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  clientToken,
  makeDataDir,
  type Run,
  tokenRequest,
  startPlatform,
  stopPlatform,
} from './launcher';

/*
 * Security issue items 3 and 4, as they were seen: through the gateway of `npm start`, with real
 * tokens. A context is entity + database (spec §1, §6). Ana administers (E, D1); Bruno is a plain
 * member of (E, D1); Carla gets an access in (E, D2); Davi gets a message addressed to him.
 */

const BOOTSTRAP = { id: 'iso-platform-admin', secret: 'iso-bootstrap-secret-0123456789abcdef' };
const SCOPES = [
  'user-accounts.suite',
  'licenses.suite',
  'notifications.suite',
  'webhooks.suite',
  'audit.read',
];
const PEOPLE = ['ana', 'bruno', 'carla', 'davi'] as const;
type Name = (typeof PEOPLE)[number];
type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: Json;
}

describe('context isolation of webhooks and audit through the gateway of `npm start`', () => {
  const dataDir = makeDataDir('platform-isolation-');
  let run: Run | undefined;
  let gateway: string;
  let admin: string;
  let receiver: Receiver;
  const token = {} as Record<Name, string>;
  const access = {} as Record<'ana' | 'bruno', string>;
  let d1: { entity: string; database: string };
  let d2: { entity: string; database: string };

  async function call(
    method: string,
    path: string,
    o: { token: string; access?: string; json?: unknown },
  ): Promise<Reply> {
    const headers: Record<string, string> = { authorization: `Bearer ${o.token}` };
    if (o.access) headers['user-access'] = o.access;
    if (o.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(gateway + path, {
      method,
      headers,
      body: o.json === undefined ? undefined : JSON.stringify(o.json),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  }
  const created = (r: Reply): string => {
    expect(r.status).toBe(201);
    return r.body['id'] as string;
  };
  /** The gateway and authorizations learn contexts and accesses from events: retry until they have. */
  const once = (probe: () => Promise<Reply>, ok: (r: Reply) => boolean): Promise<Reply> =>
    eventually(
      async () => {
        const r = await probe();
        return ok(r) ? r : undefined;
      },
      15_000,
      100,
    );
  const grant = (user: Name, context: typeof d1, role: 'admin' | 'user'): Promise<string> =>
    once(
      () =>
        call('POST', '/user-accounts/v0.1/api/management/access', {
          token: admin,
          json: { user, admin: role === 'admin', context },
        }),
      (r) => r.status !== 422,
    ).then(created);
  const hook = (postbackUrl: string, extra: Json = {}): Json => ({
    action: '*',
    postbackUrl,
    techOwnerName: 'Ana',
    techOwnerEmail: 'ana@example.com',
    ...extra,
  });

  beforeAll(
    async () => {
      receiver = await startReceiver((r, res) => {
        if (r.path.endsWith('/token')) {
          const name = r.path.split('/')[1];
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ access_token: `tok-${name}`, expires_in: 600 }));
        }
        res.writeHead(204).end();
      });
      ({ gateway, run } = await startPlatform(dataDir, {
        BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
        BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
        BOOTSTRAP_ADMIN_LOGIN: 'root.iso',
        BOOTSTRAP_ADMIN_PASSWORD: 'root-password-0123456789',
        WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOKS_ALLOW_HTTP: 'true',
        WEBHOOKS_POLL_MS: '20',
      }));
      admin = await clientToken(gateway, BOOTSTRAP, ['platform.admin', ...SCOPES].join(' '));

      const suite = await call('POST', '/auth/oauth2/clients', {
        token: admin,
        json: { name: 'Suite', kind: 'password', scopes: SCOPES },
      });
      expect(suite.status).toBe(201);
      const client = {
        id: suite.body['client_id'] as string,
        secret: suite.body['client_secret'] as string,
      };
      for (const name of PEOPLE) {
        const password = `senha-de-${name}-123`;
        const user = { id: name, name, email: `${name}@example.com`, password };
        expect(
          (await call('POST', '/usuarios/v0.1/api/usuarios', { token: admin, json: user })).status,
        ).toBe(201);
        const issued = await tokenRequest(gateway, client, {
          grant_type: 'password',
          username: name,
          password,
          scope: SCOPES.join(' '),
        });
        expect(issued.status).toBe(200);
        token[name] = ((await issued.json()) as { access_token: string }).access_token;
      }
      const entity = created(
        await call('POST', '/licenses/v0.1/api/entidades', {
          token: admin,
          json: { nome: 'Prefeitura', esfera: 'MUNICIPAL' },
        }),
      );
      const db = async (nome: string) =>
        created(
          await call('POST', '/licenses/v0.1/api/databases', {
            token: admin,
            json: { entity, nome },
          }),
        );
      d1 = { entity, database: await db('D1') };
      d2 = { entity, database: await db('D2') };
      access.ana = await grant('ana', d1, 'admin');
      access.bruno = await grant('bruno', d1, 'user');
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 60_000,
  );

  afterAll(async () => {
    await stopPlatform(run, dataDir);
    await receiver?.close();
  }, 30_000);

  it('refuses a plain member of (E, D1) a subscription and the audit log', async () => {
    const asBruno = { token: token.bruno, access: access.bruno };
    // Once the gateway knows Bruno's access, the refusal is the webhooks service's: 403 problem.
    const refused = await once(
      () => call('POST', '/api/v1/webhooks', { ...asBruno, json: hook(`${receiver.url}/bruno`) }),
      (r) => /admin/.test(String(r.body['detail'])),
    );
    expect(refused.status).toBe(403);
    expect((await call('GET', '/audit/v1/events', asBruno)).status).toBe(403);
    expect((await call('GET', '/api/v1/webhooks', asBruno)).status).toBe(403);
  });

  it("delivers to the admin's `*` subscription of (E, D1) neither (E, D2) events nor messages to others", async () => {
    const asAna = { token: token.ana, access: access.ana };
    const mine = created(
      await once(
        () => call('POST', '/api/v1/webhooks', { ...asAna, json: hook(`${receiver.url}/d1`) }),
        (r) => r.status === 201,
      ),
    );
    created(
      await call('POST', '/api/v1/webhooks', { token: admin, json: hook(`${receiver.url}/all`) }),
    );

    await grant('carla', d2, 'user'); // access.granted of (E, D2)
    const toDavi = { text: 'Só para o Davi', destination: 'USER', user: 'davi', context: d1 };
    const message = created(
      await call('POST', '/notifications/api/messages', { ...asAna, json: toDavi }),
    );
    const davi = await grant('davi', d1, 'user'); // access.granted of (E, D1): this one is (E, D1)'s

    // The platform-wide subscription got all three; deliveries of one event are made together.
    const seen = (path: string, id: string) =>
      receiver.received.some((r) => r.path === path && r.body.includes(id));
    await eventually(
      async () =>
        [message, davi].every((id) => seen('/all', id)) &&
        receiver.received.some((r) => r.path === '/all' && r.body.includes(d2.database))
          ? true
          : undefined,
      20_000,
      100,
    );
    const log = await call('GET', `/api/v1/webhooks/${mine}/deliveries?limit=100`, asAna);
    const actions = (log.body['content'] as { action: string }[]).map((d) => d.action);
    expect(actions.filter((a) => a === 'access.granted')).toHaveLength(1); // Davi's, not Carla's
    expect(actions).not.toContain('notification.created');
    await eventually(async () => (seen('/d1', davi) ? true : undefined), 10_000, 100);
    const atD1 = receiver.received.filter((r) => r.path === '/d1').map((r) => r.body);
    expect(atD1.join('\n')).not.toContain(d2.database);
    expect(atD1.join('\n')).not.toContain(message);
  });

  it('refuses an edit that moves the OAuth2 secret to another origin; /test never takes it there', async () => {
    const asAna = { token: token.ana, access: access.ana };
    const other = await startReceiver();
    try {
      const oauth2 = {
        tokenUrl: `${receiver.url}/home/token`,
        clientId: 'erp',
        clientSecret: 'erp-s3cr3t',
        authType: 'client_secret_basic',
      };
      const id = created(
        await call('POST', '/api/v1/webhooks', {
          ...asAna,
          json: hook(`${receiver.url}/home/hook`, { oauth2 }),
        }),
      );
      const { clientSecret: _kept, ...withoutSecret } = oauth2;
      const moved = await call('PUT', `/api/v1/webhooks/${id}`, {
        ...asAna,
        json: hook(`${other.url}/hook`, { oauth2: withoutSecret }),
      });
      expect(moved.status).toBe(400);
      expect(JSON.stringify(moved.body)).toContain('oauth2.clientSecret');
      expect((await call('POST', `/api/v1/webhooks/${id}/test`, asAna)).status).toBe(202);
      await eventually(
        async () =>
          receiver.received.some((r) => r.path === '/home/hook' && r.body.includes('webhook.test'))
            ? true
            : undefined,
        10_000,
        100,
      );
      expect(other.received).toEqual([]);

      const given = hook(`${other.url}/hook`, {
        oauth2: { ...oauth2, tokenUrl: `${other.url}/token`, clientSecret: 'new-s3cr3t' },
      });
      expect((await call('PUT', `/api/v1/webhooks/${id}`, { ...asAna, json: given })).status).toBe(
        200,
      );
      expect((await call('POST', `/api/v1/webhooks/${id}/test`, asAna)).status).toBe(202);
      const tokenAsked = await eventually(
        async () => other.received.find((r) => r.path === '/token'),
        10_000,
        100,
      );
      expect(tokenAsked.headers['authorization']).toBe(
        `Basic ${Buffer.from('erp:new-s3cr3t').toString('base64')}`,
      );
      expect(JSON.stringify(other.received)).not.toContain(
        Buffer.from('erp:erp-s3cr3t').toString('base64'),
      );
    } finally {
      await other.close();
    }
  });

  it("shows the context's admin the webhook changes of (E, D1) in the audit log, and no other context's records", async () => {
    const asAna = { token: token.ana, access: access.ana };
    const page = await once(
      () =>
        call(
          'GET',
          `/audit/v1/events?limit=100&filter=${encodeURIComponent("type = 'webhook.updated'")}`,
          asAna,
        ),
      (r) => r.status === 200 && (r.body['content'] as unknown[]).length > 0,
    );
    expect((page.body['content'] as { actor: string }[])[0]!.actor).toBe('ana');
    const all = await call('GET', '/audit/v1/events?limit=100', asAna);
    const records = all.body['content'] as { data: Json; entity: string | null }[];
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(d2.database);
    expect(records.every((r) => r.entity === d1.entity)).toBe(true);
  });
});
