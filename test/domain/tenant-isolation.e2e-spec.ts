import { randomUUID } from 'node:crypto';
import type { Principal } from '@platform/auth';
import { createApp as createAuthorizations } from '../../apps/authorizations/src/bootstrap';
import { createApp as createLicensing } from '../../apps/licensing/src/bootstrap';
import { createApp as createNotifications } from '../../apps/notifications/src/bootstrap';
import { Ctx, createContext, grantAccess } from './support/contexts';
import {
  boot,
  Booted,
  eventually,
  platformAdmin,
  Reply,
  ServiceClient,
  userIn,
} from './support/domain-harness';

/**
 * Spec §4: "A caller never sees or changes data of a context it has no access to." Two
 * entities (A, B), their admins (ana, bia), a plain user of A (joao) and an outsider with no
 * access (olga) try each other's accesses, requests, messages, licenses and entities.
 */
const SCOPES = ['user-accounts.suite', 'licenses.suite', 'suite.services', 'notifications.suite'];
type Page = { content: Record<string, unknown>[] };

interface World {
  A: Ctx;
  B: Ctx;
  system: string;
  access: Record<'ana' | 'bia' | 'joao', string>;
  requestA: string;
  requestB: string;
  messageA: string;
  accessRequestMessageA: string;
}

describe('tenant isolation across authorizations, licensing and notifications', () => {
  const apps: Booted[] = [];
  let authz: ServiceClient;
  let lic: ServiceClient;
  let notif: ServiceClient;
  const w = {} as World;

  // The suites share one broker and read its topics from the beginning: user names of this run
  // alone, so notices addressed to another suite's `olga` are not counted as leaks here.
  const run = randomUUID().slice(0, 8);
  const name = Object.fromEntries(
    (['ana', 'bia', 'joao', 'carla', 'dora', 'olga'] as const).map((n) => [n, `${n}-${run}`]),
  ) as Record<'ana' | 'bia' | 'joao' | 'carla' | 'dora' | 'olga', string>;
  const ana = (): Partial<Principal> =>
    userIn(name.ana, { ...w.A, accessId: w.access.ana, role: 'admin' }, SCOPES);
  const bia = (): Partial<Principal> =>
    userIn(name.bia, { ...w.B, accessId: w.access.bia, role: 'admin' }, SCOPES);
  const joao = (): Partial<Principal> =>
    userIn(name.joao, { ...w.A, accessId: w.access.joao }, SCOPES);
  const olga = (): Partial<Principal> => ({ clientId: 'suite', userId: name.olga, scopes: SCOPES });

  beforeAll(async () => {
    const [l, a, n] = [
      await boot(createLicensing, 'iso_lic'),
      await boot(createAuthorizations, 'iso_authz'),
      await boot(createNotifications, 'iso_notif'),
    ];
    apps.push(l, a, n);
    lic = new ServiceClient(l.url, 'licensing');
    authz = new ServiceClient(a.url, 'authorizations');
    notif = new ServiceClient(n.url, 'notifications');
    w.A = await createContext(lic, 'Entidade A');
    w.B = await createContext(lic, 'Entidade B');
    w.system = (
      await lic.call(platformAdmin(), 'POST', '/licenses/v0.1/api/sistemas', { nome: 'Folha' })
    ).body['id'] as string;
    for (const ctx of [w.A, w.B]) {
      const body = {
        ...ctx,
        system: w.system,
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2099-01-01T00:00:00Z',
      };
      expect(
        (await lic.call(platformAdmin(), 'POST', '/licenses/v0.1/api/licensing', body)).status,
      ).toBe(201);
    }
    w.access = {
      ana: await grantAccess(authz, name.ana, w.A, 'admin'),
      bia: await grantAccess(authz, name.bia, w.B, 'admin'),
      joao: await grantAccess(authz, name.joao, w.A, 'user'),
    };
    const ask = (user: string, context: Ctx) =>
      authz.call(
        { clientId: 'suite', userId: user, scopes: SCOPES },
        'POST',
        '/user-accounts/v0.1/api/suite/users/@me/requests',
        { context },
      );
    w.requestA = (await ask(name.carla, w.A)).body['id'] as string;
    w.requestB = (await ask(name.dora, w.B)).body['id'] as string;
    w.messageA = (
      await notif.call(ana(), 'POST', '/notifications/api/messages', {
        text: 'Só para A',
        destination: 'CONTEXT',
      })
    ).body['id'] as string;
    // access_request.created travels authorizations → Kafka → notifications: A's admins are told.
    w.accessRequestMessageA = await eventually(
      async () => {
        const page = await notif.call<Page>(
          ana(),
          'GET',
          `/notifications/api/messages?filter=${encodeURIComponent("type = 'ACCESS_REQUEST'")}`,
        );
        return page.body.content[0]?.['id'] as string | undefined;
      },
      30_000,
      200,
    );
  }, 90_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const app of apps) await app.db.drop();
  });

  const refused = (r: Reply): void => expect([403, 404]).toContain(r.status);
  const ids = (r: Reply<Page>): unknown[] => r.body.content.map((x) => x['id']);

  const cases: [string, () => Promise<void>][] = [
    // authorizations
    [
      'admin A lists only A accesses',
      async () => {
        const users = (
          await authz.call<Page>(ana(), 'GET', '/user-accounts/v0.1/api/management/access')
        ).body.content.map((a) => a['user']);
        expect(users.sort()).toEqual([name.ana, name.joao]);
      },
    ],
    [
      'admin A cannot remove an access of B',
      async () =>
        refused(
          await authz.call(
            ana(),
            'DELETE',
            `/user-accounts/v0.1/api/management/access/${w.access.bia}`,
          ),
        ),
    ],
    [
      'admin A cannot grant in B',
      async () =>
        refused(
          await authz.call(ana(), 'POST', '/user-accounts/v0.1/api/management/access', {
            user: 'x',
            admin: true,
            context: w.B,
          }),
        ),
    ],
    [
      'admin A does not see B requests',
      async () => {
        const list = await authz.call<Page>(
          ana(),
          'GET',
          '/user-accounts/v0.1/api/management/request',
        );
        expect(ids(list)).toEqual([w.requestA]);
      },
    ],
    [
      'admin A cannot allow or deny a request of B',
      async () => {
        refused(
          await authz.call(
            ana(),
            'POST',
            `/user-accounts/v0.1/api/management/request/${w.requestB}/allow`,
          ),
        );
        refused(
          await authz.call(
            ana(),
            'POST',
            `/user-accounts/v0.1/api/management/request/${w.requestB}/deny`,
          ),
        );
      },
    ],
    [
      'admin A claiming context B with its A access is refused',
      async () =>
        refused(
          await authz.call(
            userIn(name.ana, { ...w.B, accessId: w.access.ana, role: 'admin' }, SCOPES),
            'GET',
            '/user-accounts/v0.1/api/management/access',
          ),
        ),
    ],
    [
      'plain user of A cannot manage A',
      async () =>
        refused(await authz.call(joao(), 'GET', '/user-accounts/v0.1/api/management/request')),
    ],
    [
      'outsider cannot manage, and has no accesses',
      async () => {
        refused(await authz.call(olga(), 'GET', '/user-accounts/v0.1/api/management/access'));
        refused(
          await authz.call(
            userIn(name.olga, { ...w.B, accessId: randomUUID(), role: 'admin' }, SCOPES),
            'GET',
            '/user-accounts/v0.1/api/management/access',
          ),
        );
        expect(
          (await authz.call<Page>(olga(), 'GET', '/user-accounts/v0.1/api/suite/users/@me/access'))
            .body.content,
        ).toEqual([]);
      },
    ],
    // licensing
    [
      'user of A sees only entity A',
      async () => {
        expect(
          ids(await lic.call<Page>(joao(), 'GET', '/licenses/v0.1/api/entidades/atual/entidades')),
        ).toEqual([w.A.entity]);
        expect(
          ids(
            await lic.call<Page>(joao(), 'GET', '/licenses/dados/v0.1/api/entidades?fields=esfera'),
          ),
        ).toEqual([w.A.entity]);
        expect(
          (await lic.call(joao(), 'GET', '/licenses/v0.1/api/entidades/atual/')).body['id'],
        ).toBe(w.A.entity);
      },
    ],
    [
      'user of A cannot read B databases or licenses',
      async () => {
        refused(await lic.call(joao(), 'GET', `/licenses/v0.1/api/databases?entity=${w.B.entity}`));
        const q = `database=${w.B.database}&entity=${w.B.entity}&system=${w.system}`;
        refused(await lic.call(joao(), 'GET', `/licenses/v0.1/api/licensing?${q}`));
        const validate = await lic.call(
          bia(),
          'GET',
          `/licenses/v0.1/api/licensing/validate?database=${w.A.database}&entity=${w.A.entity}&system=${w.system}`,
        );
        expect(validate.status).toBe(403);
        expect(validate.body['valid']).toBeUndefined(); // refused for the context, not answered
      },
    ],
    [
      'mixing A entity with B database is refused',
      async () =>
        refused(
          await lic.call(
            joao(),
            'GET',
            `/licenses/v0.1/api/licensing?database=${w.B.database}&entity=${w.A.entity}&system=${w.system}`,
          ),
        ),
    ],
    [
      'admins of a context cannot create licenses',
      async () =>
        refused(
          await lic.call(ana(), 'POST', '/licenses/v0.1/api/licensing', {
            ...w.A,
            system: w.system,
            validFrom: '2026-01-01T00:00:00Z',
            validUntil: '2030-01-01T00:00:00Z',
          }),
        ),
    ],
    [
      'outsider reads no entity',
      async () => {
        refused(await lic.call(olga(), 'GET', '/licenses/v0.1/api/entidades/atual/entidades'));
        refused(await lic.call(olga(), 'GET', '/licenses/v0.1/api/entidades/atual/'));
        refused(await lic.call(olga(), 'GET', '/licenses/dados/v0.1/api/entidades'));
      },
    ],
    // notifications
    [
      'A context messages stay in A',
      async () => {
        expect(ids(await notif.call<Page>(joao(), 'GET', '/notifications/api/messages'))).toContain(
          w.messageA,
        );
        // Bia sees B's own notice (dora asked for access to B), nothing of A.
        const seenByBia = await notif.call<Page>(bia(), 'GET', '/notifications/api/messages');
        expect(seenByBia.body.content.map((m) => m['context'])).toEqual([
          { entity: w.B.entity, database: w.B.database },
        ]);
        expect(
          (await notif.call<Page>(olga(), 'GET', '/notifications/api/messages')).body.content,
        ).toEqual([]);
        refused(await notif.call(bia(), 'POST', `/notifications/api/messages/${w.messageA}/read`));
        refused(
          await notif.call(olga(), 'POST', `/notifications/api/messages/${w.messageA}/unread`),
        );
        expect(
          (await notif.call(bia(), 'POST', '/notifications/api/messages/read-all')).body,
        ).toEqual({ read: 1 });
        expect(
          ids(await notif.call<Page>(ana(), 'GET', '/notifications/api/messages/unreads')),
        ).toContain(w.messageA);
      },
    ],
    [
      'the access request notice reaches A admins only',
      async () => {
        expect(
          ids(await notif.call<Page>(joao(), 'GET', '/notifications/api/messages')),
        ).not.toContain(w.accessRequestMessageA);
        expect(
          ids(await notif.call<Page>(bia(), 'GET', '/notifications/api/messages/unreads')),
        ).not.toContain(w.accessRequestMessageA);
      },
    ],
    [
      'admin B cannot post into A',
      async () =>
        refused(
          await notif.call(bia(), 'POST', '/notifications/api/messages', {
            text: 'x',
            destination: 'CONTEXT',
            context: w.A,
          }),
        ),
    ],
  ];

  it.each(cases)('%s', async (_name, check) => check());
});
