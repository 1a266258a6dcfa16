import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import {
  assertionFor,
  createTestDatabase,
  kafkaBrokers,
  TEST_ASSERTION_KEYS,
  TestDatabase,
} from '@platform/testing';
import type { Principal } from '@platform/auth';
import { createApp } from './bootstrap';

const ADMIN = {
  clientId: 'admin-client',
  userId: 'root',
  scopes: ['users.suite', 'platform.admin'],
};
const READER = { clientId: 'app', userId: 'ana.souza', scopes: ['users.suite'] };
const OAUTH = { clientId: 'oauth', scopes: ['internal.credentials'], tokenId: 'internal' };

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);

describe('users over HTTP', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let base: string;
  let sql: Client;

  async function call(
    method: string,
    path: string,
    who: Partial<Principal> | null,
    init: { json?: unknown; body?: Buffer | string; type?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (who) headers['x-platform-assertion'] = await assertionFor('users', who);
    let body: RequestInit['body'];
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body !== undefined) {
      headers['content-type'] = init.type ?? 'application/octet-stream';
      body = init.body;
    }
    return fetch(`${base}${path}`, { method, headers, body });
  }

  const outbox = async (type: string, subject: string): Promise<Record<string, unknown>[]> =>
    (
      await sql.query('SELECT data FROM outbox_events WHERE type = $1 AND subject = $2', [
        type,
        subject,
      ])
    ).rows.map((r: { data: Record<string, unknown> }) => r.data);

  beforeAll(async () => {
    db = await createTestDatabase('users_e2e');
    app = await createApp({
      env: {
        PORT: '0',
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        KAFKA_BROKERS: kafkaBrokers()?.join(','),
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_LOGIN: 'root',
        BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery',
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  describe('bootstrap admin and credentials (the oauth contract)', () => {
    it('created the bootstrap admin with platformAdmin and UserManagement', async () => {
      const res = await call('POST', '/internal/v1/credentials/verify', OAUTH, {
        json: { login: 'root', password: 'correct horse battery' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        id: 'root',
        name: 'Platform administrator',
        email: 'root@platform.invalid',
        status: 'active',
        platformAdmin: true,
        permissions: ['UserManagement'],
      });
      const hash = (await sql.query("SELECT password_hash FROM users WHERE id = 'root'")).rows[0]
        .password_hash as string;
      expect(hash.startsWith('$argon2id$')).toBe(true);
    });

    it('answers a wrong password and an unknown login alike', async () => {
      for (const login of ['root', 'nobody']) {
        const res = await call('POST', '/internal/v1/credentials/verify', OAUTH, {
          json: { login, password: 'wrong password' },
        });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(await res.json()).toMatchObject({
          title: 'Unauthorized',
          detail: 'invalid credentials',
        });
      }
    });

    it('refuses callers without the literal internal scope, even platform.admin', async () => {
      expect(
        (
          await call('POST', '/internal/v1/credentials/verify', ADMIN, {
            json: { login: 'root', password: 'x' },
          })
        ).status,
      ).toBe(403);
      expect((await call('GET', '/internal/v1/users/root', null)).status).toBe(401);
    });

    it('resolves a user for oauth, 404 when unknown', async () => {
      expect(await (await call('GET', '/internal/v1/users/root', OAUTH)).json()).toMatchObject({
        id: 'root',
        platformAdmin: true,
      });
      expect((await call('GET', '/internal/v1/users/ghost', OAUTH)).status).toBe(404);
    });
  });

  describe('directory', () => {
    it('creates a user (admin only), publishing user.created in the outbox', async () => {
      const body = {
        id: 'kaio.stricker',
        name: 'Kaio Stricker',
        email: 'kaio@example.com',
        password: 'sup3r secret',
      };
      expect(
        (await call('POST', '/usuarios/v0.1/api/usuarios', READER, { json: body })).status,
      ).toBe(403);
      const res = await call('POST', '/usuarios/v0.1/api/usuarios', ADMIN, { json: body });
      expect(res.status).toBe(201);
      const user = (await res.json()) as Record<string, unknown>;
      expect(user).toMatchObject({
        id: 'kaio.stricker',
        status: 'active',
        platformAdmin: false,
        permissions: [],
      });
      expect(user).not.toHaveProperty('password');
      expect(user).not.toHaveProperty('passwordHash');
      expect(await outbox('user.created', 'kaio.stricker')).toEqual([
        { id: 'kaio.stricker', name: 'Kaio Stricker', email: 'kaio@example.com', status: 'active' },
      ]);
    });

    it('answers 409 for an existing id and 400 listing each bad field', async () => {
      const dup = await call('POST', '/usuarios/v0.1/api/usuarios', ADMIN, {
        json: { id: 'kaio.stricker', name: 'X', email: 'x@example.com' },
      });
      expect(dup.status).toBe(409);
      const bad = await call('POST', '/usuarios/v0.1/api/usuarios', ADMIN, {
        json: { id: 'bad id!', name: '', email: 'nope', extra: 1 },
      });
      expect(bad.status).toBe(400);
      const fields = ((await bad.json()) as { errors: { field: string }[] }).errors
        .map((e) => e.field)
        .sort();
      expect(fields).toEqual(['email', 'extra', 'id', 'name']);
    });

    it("lists with the seed's filter id='kaio.stricker', paging and sorting", async () => {
      await call('POST', '/usuarios/v0.1/api/usuarios', ADMIN, {
        json: { id: 'ana.souza', name: 'Ana Souza', email: 'ana@example.com' },
      });
      const filter = encodeURIComponent("id='kaio.stricker'");
      const res = await call('GET', `/usuarios/v0.1/api/usuarios?filter=${filter}`, READER);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { content: { id: string }[] };
      expect(page).toMatchObject({ offset: 0, limit: 20, hasNext: false });
      expect(page.content.map((u) => u.id)).toEqual(['kaio.stricker']);
      const sorted = (await (
        await call('GET', '/usuarios/v0.1/api/usuarios?sort=name%20desc&limit=2', READER)
      ).json()) as { hasNext: boolean; content: { id: string }[] };
      expect(sorted.content.map((u) => u.id)).toEqual(['root', 'kaio.stricker']);
      expect(sorted.hasNext).toBe(true);
    });

    it("answers the seed's exact request (trailing slash, encoded filter)", async () => {
      const res = await call(
        'GET',
        "/usuarios/v0.1/api/usuarios/?filter=id%3D'kaio.stricker'",
        READER,
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { content: { id: string }[] };
      expect(page.content.map((u) => u.id)).toEqual(['kaio.stricker']);
    });

    it('answers hostile list parameters with a 400 problem naming the position', async () => {
      for (const query of [
        `filter=${encodeURIComponent("id = 'x'; DROP TABLE users")}`,
        `filter=${encodeURIComponent("password_hash like '%'")}`,
        `filter=${encodeURIComponent('('.repeat(40))}`,
        `filter=${encodeURIComponent(`name = '${'x'.repeat(11_000)}'`)}`,
        'sort=passwordHash',
        'limit=1000',
        'offset=-1',
        'limit=abc',
      ]) {
        const res = await call('GET', `/usuarios/v0.1/api/usuarios?${query}`, READER);
        expect({ query: query.slice(0, 60), status: res.status }).toEqual({
          query: query.slice(0, 60),
          status: 400,
        });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      const res = await call(
        'GET',
        `/usuarios/v0.1/api/usuarios?filter=${encodeURIComponent("id = 'x' or 1=1")}`,
        READER,
      );
      expect(await res.json()).toMatchObject({
        status: 400,
        position: 12,
        detail: expect.stringContaining('position 12'),
      });
    });

    it('gets one user, 404 when unknown; needs users.suite', async () => {
      expect(
        await (await call('GET', '/usuarios/v0.1/api/usuarios/kaio.stricker', READER)).json(),
      ).toMatchObject({ name: 'Kaio Stricker' });
      expect((await call('GET', '/usuarios/v0.1/api/usuarios/ghost', READER)).status).toBe(404);
      expect(
        (await call('GET', '/usuarios/v0.1/api/usuarios/kaio.stricker', { scopes: ['other'] }))
          .status,
      ).toBe(403);
      expect((await call('GET', '/usuarios/v0.1/api/usuarios/kaio.stricker', null)).status).toBe(
        401,
      );
    });

    it('disables a user: user.updated and user.disabled in the outbox, login then refused with 403', async () => {
      expect(
        (
          await call('PATCH', '/usuarios/v0.1/api/usuarios/kaio.stricker', READER, {
            json: { status: 'disabled' },
          })
        ).status,
      ).toBe(403);
      const res = await call('PATCH', '/usuarios/v0.1/api/usuarios/kaio.stricker', ADMIN, {
        json: { status: 'disabled' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'disabled' });
      expect(await outbox('user.updated', 'kaio.stricker')).toEqual([
        expect.objectContaining({ status: 'disabled' }),
      ]);
      const [disabled] = await outbox('user.disabled', 'kaio.stricker');
      expect(disabled).toEqual({ id: 'kaio.stricker', disabledAt: expect.any(String), by: 'root' });
      const login = await call('POST', '/internal/v1/credentials/verify', OAUTH, {
        json: { login: 'kaio.stricker', password: 'sup3r secret' },
      });
      expect(login.status).toBe(403);
      expect(await login.json()).toMatchObject({ detail: 'user disabled' });
      const wrong = await call('POST', '/internal/v1/credentials/verify', OAUTH, {
        json: { login: 'kaio.stricker', password: 'nope nope' },
      });
      expect(wrong.status).toBe(401);
    });

    it('re-enables and renames; an unchanged PATCH publishes nothing', async () => {
      await call('PATCH', '/usuarios/v0.1/api/usuarios/kaio.stricker', ADMIN, {
        json: { status: 'active', name: 'Kaio S.' },
      });
      await call('PATCH', '/usuarios/v0.1/api/usuarios/kaio.stricker', ADMIN, {
        json: { name: 'Kaio S.' },
      });
      expect(await outbox('user.updated', 'kaio.stricker')).toHaveLength(2);
      expect(
        (await call('PATCH', '/usuarios/v0.1/api/usuarios/ghost', ADMIN, { json: { name: 'x' } }))
          .status,
      ).toBe(404);
      expect(
        (
          await call('PATCH', '/usuarios/v0.1/api/usuarios/kaio.stricker', ADMIN, {
            json: { status: 'deleted' },
          })
        ).status,
      ).toBe(400);
    });
  });

  describe('photos', () => {
    const photo = '/usuarios/v0.1/api/usuarios/ana.souza/photo';
    const ANA = { ...READER, userId: 'ana.souza' };

    it('404 when the user has no photo', async () => {
      expect((await call('GET', photo, READER)).status).toBe(404);
    });

    it('stores a PNG and serves it back with its content type', async () => {
      expect((await call('PUT', photo, ANA, { body: PNG, type: 'image/png' })).status).toBe(204);
      const res = await call('GET', photo, READER);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    });

    it("refuses another user's upload, a lying content type and non-images", async () => {
      expect(
        (
          await call(
            'PUT',
            photo,
            { ...READER, userId: 'someone.else' },
            { body: PNG, type: 'image/png' },
          )
        ).status,
      ).toBe(403);
      expect((await call('PUT', photo, ANA, { body: JPEG, type: 'image/png' })).status).toBe(400);
      expect(
        (await call('PUT', photo, ANA, { body: '<svg/>', type: 'image/svg+xml' })).status,
      ).toBe(415);
      expect((await call('PUT', photo, ANA, { json: { not: 'an image' } })).status).toBe(415);
      expect(
        (await call('PUT', photo, ANA, { body: PNG, type: 'application/octet-stream' })).status,
      ).toBe(415);
    });

    it('accepts up to 5 MiB; above is 413 while JSON stays capped at 1 MiB', async () => {
      const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 - JPEG.length)]);
      expect((await call('PUT', photo, ANA, { body: big, type: 'image/jpeg' })).status).toBe(204);
      const res = await call('GET', photo, READER);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect((await res.arrayBuffer()).byteLength).toBe(5 * 1024 * 1024);
      expect(
        (
          await call('PUT', photo, ANA, {
            body: Buffer.concat([big, Buffer.from([0])]),
            type: 'image/jpeg',
          })
        ).status,
      ).toBe(413);
      const hugeJson = { id: 'x', name: 'y'.repeat(1024 * 1024), email: 'a@b.co' };
      expect(
        (await call('POST', '/usuarios/v0.1/api/usuarios', ADMIN, { json: hugeJson })).status,
      ).toBe(413);
    });
  });
});
