import type { Principal } from '@platform/auth';
import { OwnerEnded } from '../../apps/webhooks/src/subscriptions/owner-revocation';
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
 * A subscription sends a context's events to a URL its owner chose: it must not outlive the
 * owner's right to see them (the class of the security issue's item 3). Access revoked, user
 * disabled, owning client deleted: the subscription is disabled and says why; another admin of
 * the context may enable it again, and it is then theirs.
 */

const admin = (userId: string): Partial<Principal> => ({ userId });
const platformClient: Partial<Principal> = {
  clientId: 'erp-service',
  userId: undefined,
  context: undefined,
  scopes: ['webhooks.suite', 'platform.admin'],
};

describe("webhooks: a subscription ends with its owner's access", () => {
  const suite = webhooksSuite('webhooks_owner_ended', { receiver: 'suite' });

  const call = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    principal: Partial<Principal>,
    payload?: object,
  ) => callApi(suite.hooks, method, url, { principal, payload });
  const create = async (path: string, principal: Partial<Principal>): Promise<string> => {
    const res = await call(
      'POST',
      '/api/v1/webhooks',
      principal,
      subscriptionBody(`${suite.receiver.url}${path}`),
    );
    expect(res.status).toBe(201);
    return String(res.body['id']);
  };
  const state = async (id: string, principal: Partial<Principal> = admin('carol')) => {
    const { body } = await call('GET', `/api/v1/webhooks/${id}`, principal);
    return { status: body['status'], disabledReason: body['disabledReason'] };
  };
  const licensesAt = (path: string) =>
    suite.receiver.received.filter((r) => r.path === path && r.body.includes('"license.created"'))
      .length;

  it("disables the owner's subscriptions in the context whose access was revoked, and only those", async () => {
    const alice = await create('/alice', admin('alice'));
    const bob = await create('/bob', admin('bob'));
    // alice's access to another database of the entity: her subscription here stays.
    await suite.hooks.bus.publish([
      domainEvent('access.revoked', CONTEXT.entity, {
        id: 'acc-other',
        user: 'alice',
        context: { entity: CONTEXT.entity, database: 'db-2' },
      }),
      licenseCreated(CONTEXT.entity, 1),
    ]);
    await waitFor(
      () => licensesAt('/alice') === 1 && licensesAt('/bob') === 1,
      10_000,
      'license 1 to both',
    );
    expect(await state(alice)).toEqual({ status: 'active', disabledReason: null });

    await suite.hooks.bus.publish([
      domainEvent('access.revoked', CONTEXT.entity, {
        id: CONTEXT.accessId,
        user: 'alice',
        context: { entity: CONTEXT.entity, database: CONTEXT.database },
        revokedBy: 'carol',
      }),
    ]);
    await waitFor(
      async () => (await state(alice)).status === 'disabled',
      10_000,
      "alice's subscription disabled",
    );
    expect(await state(alice)).toEqual({
      status: 'disabled',
      disabledReason: OwnerEnded.accessRevoked,
    });
    expect(await state(bob)).toEqual({ status: 'active', disabledReason: null });

    await suite.hooks.bus.publish([licenseCreated(CONTEXT.entity, 2)]);
    await waitFor(() => licensesAt('/bob') === 2, 10_000, 'license 2 to bob');
    await new Promise((r) => setTimeout(r, 500)); // anything wrongly sent to alice has arrived by now
    expect(licensesAt('/alice')).toBe(1);
  });

  it('disables every subscription of a disabled user, and those of a deleted client that had no user', async () => {
    const dave = await create('/dave', admin('dave'));
    const svc = await create('/svc', platformClient);
    const portalMade = await create('/portal-made', { clientId: 'erp-service', userId: 'erin' });
    await suite.hooks.bus.publish([
      domainEvent('user.disabled', undefined, { id: 'dave', disabledAt: new Date().toISOString() }),
      domainEvent('client.deleted', undefined, {
        clientId: 'erp-service',
        deletedAt: new Date().toISOString(),
      }),
    ]);
    await waitFor(
      async () => (await state(dave)).status === 'disabled',
      10_000,
      "dave's subscription disabled",
    );
    await waitFor(
      async () => (await state(svc, platformClient)).status === 'disabled',
      10_000,
      'the client-owned one',
    );
    expect(await state(dave)).toEqual({
      status: 'disabled',
      disabledReason: OwnerEnded.userDisabled,
    });
    expect(await state(svc, platformClient)).toEqual({
      status: 'disabled',
      disabledReason: OwnerEnded.clientDeleted,
    });
    // A user's subscription made through that client is the user's, not the client's.
    expect(await state(portalMade)).toEqual({ status: 'active', disabledReason: null });
  });

  it('lets another admin enable it again; it is then theirs and ends with their access', async () => {
    const frank = await create('/frank', admin('frank'));
    const revoke = (user: string) =>
      domainEvent('access.revoked', CONTEXT.entity, {
        id: `acc-${user}`,
        user,
        context: { entity: CONTEXT.entity, database: CONTEXT.database },
      });
    await suite.hooks.bus.publish([revoke('frank')]);
    await waitFor(
      async () => (await state(frank)).status === 'disabled',
      10_000,
      "frank's subscription disabled",
    );

    const enabled = await call(
      'PUT',
      `/api/v1/webhooks/${frank}`,
      admin('grace'),
      subscriptionBody(`${suite.receiver.url}/frank`),
    );
    expect(enabled.status).toBe(200);
    expect(await state(frank)).toEqual({ status: 'active', disabledReason: null });
    // frank's access revoked again (another of his accesses): grace's subscription stays.
    await suite.hooks.bus.publish([revoke('frank'), licenseCreated(CONTEXT.entity, 3)]);
    await waitFor(
      () => licensesAt('/frank') >= 1,
      10_000,
      'license 3 to the re-enabled subscription',
    );
    expect(await state(frank)).toEqual({ status: 'active', disabledReason: null });

    await suite.hooks.bus.publish([revoke('grace')]);
    await waitFor(
      async () => (await state(frank)).status === 'disabled',
      10_000,
      'disabled with grace',
    );
  });
});
