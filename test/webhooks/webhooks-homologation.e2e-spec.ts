import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import type { Principal } from '@platform/auth';
import { CONTEXT, subscriptionBody, callApi, webhooksSuite } from './harness';

/*
 * Self-homologation of a receiver ("Execução de testes", `001_*`; ADR 15 stage 2): webhooks sends
 * the checks now and answers each with its evidence; a context's results are published as
 * `integration.check_completed` for the run they were asked for, so authorizations can judge it.
 */
type Json = Record<string, unknown>;

describe('webhooks: self-homologation of a receiver', () => {
  let verifier: Webhook | undefined;
  const suite = webhooksSuite('webhooks_homologation', {
    receiver: 'suite',
    // A careful receiver once `verifier` is set: a delivery whose signature fails gets a 401.
    answer: (r, res) => {
      try {
        verifier?.verify(r.body, r.headers);
        res.writeHead(200).end('ok');
      } catch {
        res.writeHead(401).end('bad signature');
      }
    },
  });

  const call = (method: 'POST', url: string, who: Partial<Principal>, payload?: object) =>
    callApi(suite.hooks, method, url, { principal: who, payload });
  const checkEvents = async (run: string): Promise<Json[]> =>
    (
      (await suite.hooks.app
        .get(DataSource)
        .query(
          `SELECT data FROM outbox_events WHERE type = 'integration.check_completed' ORDER BY sequence`,
        )) as { data: Json }[]
    )
      .map((r) => r.data)
      .filter((d) => d['run'] === run);

  it('fails the wrong-signature step of a receiver that takes anything, and reports each step for the run', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      {},
      subscriptionBody(`${suite.receiver.url}/hooks`),
    );
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    const run = randomUUID();
    const res = await call('POST', `/api/v1/webhooks/${id}/homologation`, {}, { run });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subscriptionId: id, run, passed: false });
    const steps = Object.fromEntries(
      (res.body['checks'] as Json[]).map((c) => [c['check'], c['passed']]),
    );
    expect(steps).toEqual({
      'oauth2-token-url': true,
      'signed-delivery': true,
      'wrong-signature-rejected': false,
      'duplicate-accepted': true,
    });
    const events = await checkEvents(run);
    expect(events.map((e) => [e['check'], e['passed'], e['skipped'] ?? false])).toEqual([
      ['oauth2-token-url', true, true],
      ['signed-delivery', true, false],
      ['wrong-signature-rejected', false, false],
      ['duplicate-accepted', true, false],
    ]);
    expect(events[2]).toMatchObject({
      context: { entity: CONTEXT.entity, database: CONTEXT.database },
      checkedBy: 'webhooks',
      actorUser: 'alice',
      evidence: { subscriptionId: id, statusCode: 200, responseBody: 'ok' },
    });

    // Once the receiver checks signatures, every step passes.
    verifier = new Webhook(created.body['secret'] as string);
    const again = await call('POST', `/api/v1/webhooks/${id}/homologation`, {}, { run });
    expect(again.body).toMatchObject({ passed: true });
    expect((await checkEvents(run)).slice(4).every((e) => e['passed'] === true)).toBe(true);
  });

  it('publishes nothing for a platform-wide subscription: it is no integration of a context', async () => {
    const platformWide = { context: undefined, scopes: ['webhooks.suite', 'platform.admin'] };
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      platformWide,
      subscriptionBody(`${suite.receiver.url}/all`),
    );
    const run = randomUUID();
    const res = await call(
      'POST',
      `/api/v1/webhooks/${String(created.body['id'])}/homologation`,
      platformWide,
      { run },
    );
    expect(res.status).toBe(200);
    expect(await checkEvents(run)).toEqual([]);
  });

  it('runs without a body too (no run: nothing counts towards a homologation)', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      {},
      subscriptionBody(`${suite.receiver.url}/n`),
    );
    const res = await call(
      'POST',
      `/api/v1/webhooks/${String(created.body['id'])}/homologation`,
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('run');
  });

  it('refuses a run that is not an id', async () => {
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      {},
      subscriptionBody(`${suite.receiver.url}/x`),
    );
    const res = await call(
      'POST',
      `/api/v1/webhooks/${String(created.body['id'])}/homologation`,
      {},
      { run: 'nope' },
    );
    expect(res.status).toBe(400);
  });
});
