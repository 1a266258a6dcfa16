import { randomUUID } from 'node:crypto';
import type { Principal } from '@platform/auth';
import {
  CONTEXT,
  domainEvent,
  licenseCreated,
  subscriptionBody,
  waitFor,
  callApi,
  webhooksSuite,
} from './harness';

/*
 * Spec §6 (security issue item 3): a context is entity + database. A subscription sees only the
 * events of its owner's exact context, never a message addressed to a user, and only the
 * context's admin (or platform.admin) creates or changes one.
 */

const D2 = { ...CONTEXT, database: 'db-2', accessId: 'acc-2' };
const member = (role: 'user' | 'technician'): Partial<Principal> => ({
  userId: `${role}-1`,
  context: { ...CONTEXT, accessId: `acc-${role}`, role },
});
const platformWide: Partial<Principal> = {
  context: undefined,
  scopes: ['webhooks.suite', 'platform.admin'],
};

const notification = (destination: 'USER' | 'CONTEXT', database = CONTEXT.database) =>
  domainEvent('notification.created', CONTEXT.entity, {
    id: `msg-${destination}-${database}`,
    destination,
    ...(destination === 'USER' ? { user: 'bob' } : {}),
    entity: CONTEXT.entity,
    database,
    text: 'Olá',
  });

describe('webhooks: a subscription sees its own context only, and only its admin manages it', () => {
  const suite = webhooksSuite('webhooks_context_access', { receiver: 'suite' });

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    principal: Partial<Principal>,
    payload?: object,
  ) => callApi(suite.hooks, method, url, { principal, payload });

  const actions = (path: string): string[] =>
    suite.receiver.received
      .filter((r) => r.path === path)
      .map((r) => JSON.parse(r.body) as { action: string; data: { id: string } })
      .map((b) => `${b.action} ${b.data.id}`)
      .sort();

  it('delivers to a `*` subscription of (E, D1) the events of (E, D1) alone; platform-wide ones get all', async () => {
    expect(
      (
        await call(
          'POST',
          '/api/v1/webhooks',
          {},
          subscriptionBody(`${suite.receiver.url}/d1`, { action: '*' }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await call(
          'POST',
          '/api/v1/webhooks',
          platformWide,
          subscriptionBody(`${suite.receiver.url}/all`, { action: '*' }),
        )
      ).status,
    ).toBe(201);
    await suite.hooks.bus.publish([
      licenseCreated(CONTEXT.entity, 1, 'db-1'),
      licenseCreated(CONTEXT.entity, 2, 'db-2'),
      // access.granted of (E, D2): the event seen leaking live in the issue
      domainEvent('access.granted', CONTEXT.entity, {
        id: 'access-d2',
        user: 'carol',
        admin: false,
        role: 'user',
        context: { entity: CONTEXT.entity, database: 'db-2' },
      }),
      notification('USER'),
      notification('CONTEXT'),
      notification('CONTEXT', 'db-2'),
      domainEvent('entity.created', CONTEXT.entity, { id: CONTEXT.entity, nome: 'Prefeitura' }),
    ]);
    const domain = (path: string) => actions(path).filter((a) => !a.startsWith('webhook.'));
    await waitFor(() => domain('/all').length >= 7, 10_000, 'the platform-wide deliveries');
    await new Promise((r) => setTimeout(r, 500)); // anything wrongly owed to /d1 has arrived by now
    expect(domain('/d1')).toEqual([
      'license.created license-1',
      'notification.created msg-CONTEXT-db-1',
    ]);
    expect(domain('/all')).toEqual([
      'access.granted access-d2',
      `entity.created ${CONTEXT.entity}`,
      'license.created license-1',
      'license.created license-2',
      'notification.created msg-CONTEXT-db-1',
      'notification.created msg-CONTEXT-db-2',
      'notification.created msg-USER-db-1',
    ]);
  });

  it('refuses a plain member every subscription route, and a technician every change', async () => {
    const owned = await call(
      'POST',
      '/api/v1/webhooks',
      {},
      subscriptionBody(`${suite.receiver.url}/admin`),
    );
    expect(owned.status).toBe(201);
    const id = owned.body['id'] as string;
    const body = subscriptionBody(`${suite.receiver.url}/x`);
    const changes: [string, 'POST' | 'PUT' | 'DELETE', string, object?][] = [
      ['create', 'POST', '/api/v1/webhooks', body],
      ['replace', 'PUT', `/api/v1/webhooks/${id}`, body],
      ['delete', 'DELETE', `/api/v1/webhooks/${id}`],
      ['rotate', 'POST', `/api/v1/webhooks/${id}/secret/rotate`],
      ['test', 'POST', `/api/v1/webhooks/${id}/test`],
      ['retry', 'POST', `/api/v1/webhooks/${id}/deliveries/${randomUUID()}/retry`],
    ];
    const reads: [string, string][] = [
      ['list', '/api/v1/webhooks'],
      ['get', `/api/v1/webhooks/${id}`],
      ['deliveries', `/api/v1/webhooks/${id}/deliveries`],
    ];
    for (const role of ['user', 'technician'] as const) {
      for (const [what, method, url, payload] of changes) {
        const res = await call(method, url, member(role), payload);
        expect([role, what, res.status, res.type]).toEqual([
          role,
          what,
          403,
          expect.stringContaining('application/problem+json'),
        ]);
      }
      for (const [what, url] of reads) {
        const res = await call('GET', url, member(role));
        expect([role, what, res.status]).toEqual([role, what, role === 'technician' ? 200 : 403]);
      }
    }
    // Still there and unchanged; its admin, and platform.admin in the context, may change it.
    expect((await call('GET', `/api/v1/webhooks/${id}`, {})).body['postbackUrl']).toBe(
      `${suite.receiver.url}/admin`,
    );
    const asPlatformAdmin = {
      userId: 'root',
      scopes: ['webhooks.suite', 'platform.admin'],
      context: { ...CONTEXT, role: 'user' as const },
    };
    expect(
      (await call('POST', `/api/v1/webhooks/${id}/secret/rotate`, asPlatformAdmin)).status,
    ).toBe(200);
    expect((await call('DELETE', `/api/v1/webhooks/${id}`, {})).status).toBe(204);
  });

  it('keeps another database of the same entity out of a subscription by id too (404)', async () => {
    const owned = await call(
      'POST',
      '/api/v1/webhooks',
      {},
      subscriptionBody(`${suite.receiver.url}/mine`),
    );
    const id = owned.body['id'] as string;
    expect((await call('GET', `/api/v1/webhooks/${id}`, { context: D2 })).status).toBe(404);
    expect(
      (
        await call(
          'PUT',
          `/api/v1/webhooks/${id}`,
          { context: D2 },
          subscriptionBody(`${suite.receiver.url}/x`),
        )
      ).status,
    ).toBe(404);
    expect((await call('POST', `/api/v1/webhooks/${id}/test`, { context: D2 })).status).toBe(404);
  });
});
