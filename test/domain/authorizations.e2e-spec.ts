import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessActivityHandler } from '../../apps/authorizations/src/accesses/access-activity.handler';
import { createApp as createAuthorizations } from '../../apps/authorizations/src/bootstrap';
import { createApp as createLicensing } from '../../apps/licensing/src/bootstrap';
import { Ctx, createContext, grantAccess } from './support/contexts';
import { boot, Booted, platformAdmin, ServiceClient, userIn } from './support/domain-harness';

// `002_*` "Autorizações": paths and bodies as the seed shows them.
const SUITE = ['user-accounts.suite'];
const API = '/user-accounts/v0.1/api';

describe('authorizations over HTTP', () => {
  let licensing: Booted;
  let authz: Booted;
  let http: ServiceClient;
  let ctx: Ctx;
  let anaAccess: string;
  const as = (user: string, accessId: string, context: Ctx = ctx) =>
    userIn(user, { ...context, accessId }, SUITE);
  const plain = (user: string) => ({ clientId: 'suite', userId: user, scopes: SUITE });

  beforeAll(async () => {
    licensing = await boot(createLicensing, 'authz_lic');
    authz = await boot(createAuthorizations, 'authz_e2e');
    http = new ServiceClient(authz.url, 'authorizations');
    ctx = await createContext(
      new ServiceClient(licensing.url, 'licensing'),
      'Prefeitura de Tubarão',
    );
    anaAccess = await grantAccess(http, 'ana', ctx, 'admin');
  }, 60_000);

  afterAll(async () => {
    await authz?.close();
    await licensing?.close();
    await authz?.db.drop();
    await licensing?.db.drop();
  });

  it('refuses a context licensing never registered', async () => {
    const res = await http.call(platformAdmin(), 'POST', `${API}/management/access`, {
      user: 'x',
      admin: false,
      context: { entity: randomUUID(), database: randomUUID() },
    });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain('application/problem+json');
  });

  it('lets a context admin grant, list and remove accesses of its context', async () => {
    const granted = await http.call(as('ana', anaAccess), 'POST', `${API}/management/access`, {
      user: 'bruno',
      admin: false,
      context: ctx,
    });
    expect(granted).toMatchObject({
      status: 201,
      body: {
        user: 'bruno',
        admin: false,
        role: 'user',
        context: ctx,
        active: true,
        grantedBy: 'ana',
      },
    });
    const brunoAccess = granted.body['id'] as string;

    const mine = await http.call(plain('bruno'), 'GET', `${API}/suite/users/@me/access`);
    expect((mine.body['content'] as { id: string }[]).map((a) => a.id)).toEqual([brunoAccess]);

    const list = await http.call(
      as('ana', anaAccess),
      'GET',
      `${API}/management/access?limit=20&offset=0`,
    );
    expect((list.body['content'] as { user: string }[]).map((a) => a.user).sort()).toEqual([
      'ana',
      'bruno',
    ]);

    expect(
      (
        await http.call(as('ana', anaAccess), 'POST', `${API}/management/access`, {
          user: 'bruno',
          admin: false,
          context: ctx,
        })
      ).status,
    ).toBe(409);
    expect(
      (await http.call(as('bruno', brunoAccess), 'GET', `${API}/management/access`)).status,
    ).toBe(403);

    expect(
      (await http.call(as('ana', anaAccess), 'DELETE', `${API}/management/access/${brunoAccess}`))
        .status,
    ).toBe(204);
    expect(
      (
        (await http.call(plain('bruno'), 'GET', `${API}/suite/users/@me/access`)).body[
          'content'
        ] as unknown[]
      ).length,
    ).toBe(0);
    expect(
      (await http.call(as('ana', anaAccess), 'DELETE', `${API}/management/access/${brunoAccess}`))
        .status,
    ).toBe(404);
    // The removed access no longer manages anything, whatever role the assertion claims.
    expect(
      (
        await http.call(
          userIn('bruno', { ...ctx, accessId: brunoAccess, role: 'admin' }, SUITE),
          'GET',
          `${API}/management/access`,
        )
      ).status,
    ).toBe(403);
  });

  it('gives a technician read-only management', async () => {
    const tec = await grantAccess(http, 'tecnico', ctx, 'technician');
    expect((await http.call(as('tecnico', tec), 'GET', `${API}/management/access`)).status).toBe(
      200,
    );
    expect((await http.call(as('tecnico', tec), 'GET', `${API}/management/request`)).status).toBe(
      200,
    );
    expect(
      (
        await http.call(as('tecnico', tec), 'POST', `${API}/management/access`, {
          user: 'z',
          admin: false,
          context: ctx,
        })
      ).status,
    ).toBe(403);
  });

  it('runs an access request from ask to allow, and another to deny', async () => {
    const asked = await http.call(plain('carla'), 'POST', `${API}/suite/users/@me/requests`, {
      context: ctx,
      message: 'Preciso acessar a folha',
    });
    expect(asked).toMatchObject({
      status: 201,
      body: { user: 'carla', status: 'pending', context: ctx },
    });
    expect(
      (await http.call(plain('carla'), 'POST', `${API}/suite/users/@me/requests`, { context: ctx }))
        .status,
    ).toBe(409);
    const id = asked.body['id'] as string;

    const listed = await http.call(
      as('ana', anaAccess),
      'GET',
      `${API}/management/request?limit=20&offset=0&order=name%20asc`,
    );
    expect((listed.body['content'] as { id: string }[]).map((r) => r.id)).toContain(id);

    const allowed = await http.call(
      as('ana', anaAccess),
      'POST',
      `${API}/management/request/${id}/allow`,
    );
    expect(allowed).toMatchObject({ status: 200, body: { status: 'approved', decidedBy: 'ana' } });
    const carla = await http.call(plain('carla'), 'GET', `${API}/suite/users/@me/access`);
    expect(carla.body['content']).toEqual([
      expect.objectContaining({ id: allowed.body['accessId'], role: 'user', context: ctx }),
    ]);
    expect(
      (await http.call(as('ana', anaAccess), 'POST', `${API}/management/request/${id}/deny`))
        .status,
    ).toBe(409);

    const davi = await http.call(plain('davi'), 'POST', `${API}/suite/users/@me/requests`, {
      context: ctx,
    });
    const denied = await http.call(
      as('ana', anaAccess),
      'POST',
      `${API}/management/request/${davi.body['id'] as string}/deny`,
    );
    expect(denied).toMatchObject({ status: 200, body: { status: 'denied' } });

    const types: { type: string }[] = await authz.app
      .get(DataSource)
      .query(`SELECT type FROM outbox_events WHERE subject IN ($1, $2, $3) ORDER BY sequence`, [
        id,
        allowed.body['accessId'],
        davi.body['id'],
      ]);
    expect(types.map((t) => t.type)).toEqual([
      'access_request.created',
      'access.granted',
      'access_request.approved',
      'access_request.created',
      'access_request.denied',
    ]);
  });

  it('answers bad input with a 4xx problem, never a 5xx', async () => {
    const admin = as('ana', anaAccess);
    expect(
      (await http.call(admin, 'POST', `${API}/management/access`, { user: 'x', admin: 'sim' }))
        .status,
    ).toBe(400);
    expect(
      (
        await http.call(admin, 'POST', `${API}/management/access`, {
          user: 'x',
          admin: true,
          role: 'user',
          context: ctx,
        })
      ).status,
    ).toBe(400);
    expect((await http.call(admin, 'DELETE', `${API}/management/access/nao-e-uuid`)).status).toBe(
      400,
    );
    expect(
      (
        await http.call(
          admin,
          'GET',
          `${API}/management/request?filter=${encodeURIComponent('status = ')}`,
        )
      ).status,
    ).toBe(400);
    expect(
      (await http.call({ clientId: 'svc', scopes: SUITE }, 'GET', `${API}/suite/users/@me/access`))
        .status,
    ).toBe(403);
    expect(
      (
        await http.call(
          userIn('ana', { ...ctx, accessId: 'lixo' }, SUITE),
          'GET',
          `${API}/management/access`,
        )
      ).status,
    ).toBe(403);
  });

  it('keeps the latest use of each access from access.used, and lists it as lastActivityAt (002_*)', async () => {
    const handler = authz.app.get(AccessActivityHandler);
    const manager = authz.app.get(DataSource).manager;
    const apply = (uses: { id: string; at: string }[]) =>
      handler.onAccessUsed(
        {
          id: randomUUID(),
          type: 'access.used',
          source: 'gateway',
          time: new Date().toISOString(),
          subject: 'g',
          data: { uses },
        },
        { manager, attempt: 1 },
      );
    const lastActivity = async (): Promise<unknown> => {
      const list = await http.call(
        platformAdmin(),
        'GET',
        `${API}/management/access?filter=${encodeURIComponent(`id = '${anaAccess}'`)}`,
      );
      return (list.body['content'] as { lastActivityAt: unknown }[])[0]?.lastActivityAt;
    };
    const before = await manager.query('SELECT updated_at FROM accesses WHERE id = $1', [
      anaAccess,
    ]);
    expect(await lastActivity()).toBeNull();
    await apply([
      { id: anaAccess, at: '2026-05-01T10:00:00.000Z' },
      { id: 'not-an-access', at: '2026-05-01T10:00:00.000Z' },
    ]);
    await apply([{ id: anaAccess, at: '2026-05-01T09:00:00.000Z' }]); // an older batch, late
    expect(await lastActivity()).toBe('2026-05-01T10:00:00.000Z');
    const sorted = await http.call(
      platformAdmin(),
      'GET',
      `${API}/management/access?sort=${encodeURIComponent('lastActivityAt desc')}`,
    );
    expect(sorted.status).toBe(200);
    // A use is not a change of the access.
    expect(
      await manager.query('SELECT updated_at FROM accesses WHERE id = $1', [anaAccess]),
    ).toEqual(before);
  });
});
