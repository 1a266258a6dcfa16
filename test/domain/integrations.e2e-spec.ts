import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  HOMOLOGATION_CHECKS,
  type HomologationCheck,
  type IntegrationCheckCompletedPayload,
} from '@platform/contracts';
import { createApp as createAuthorizations } from '../../apps/authorizations/src/bootstrap';
import { RecordCheckHandler } from '../../apps/authorizations/src/integration/usecases/record-check.handler';
import { createApp as createLicensing } from '../../apps/licensing/src/bootstrap';
import { Ctx, createContext, grantAccess } from './support/contexts';
import { boot, Booted, platformAdmin, ServiceClient, userIn } from './support/domain-harness';

/*
 * A context's integration (ADR 15 stage 2, `001_*`): channels, Connect:Direct/SFTP requests, and
 * the self-homologation run judged from the check results the services publish.
 */
const SUITE = ['user-accounts.suite'];
const API = '/user-accounts/v0.1/api/integration';
type Json = Record<string, unknown>;

describe('a context integration in authorizations', () => {
  let licensing: Booted;
  let authz: Booted;
  let http: ServiceClient;
  let ctx: Ctx;
  let other: Ctx;
  let admin: ReturnType<typeof userIn>;
  let technician: ReturnType<typeof userIn>;
  let otherAdmin: ReturnType<typeof userIn>;

  beforeAll(async () => {
    licensing = await boot(createLicensing, 'integ_lic');
    authz = await boot(createAuthorizations, 'integ_authz');
    http = new ServiceClient(authz.url, 'authorizations');
    const lic = new ServiceClient(licensing.url, 'licensing');
    ctx = await createContext(lic, 'Prefeitura de Laguna');
    other = await createContext(lic, 'Prefeitura de Imbituba');
    const role = (user: string, c: Ctx, r: 'admin' | 'technician') =>
      grantAccess(http, user, c, r).then((accessId) =>
        userIn(user, { ...c, accessId, role: r }, SUITE),
      );
    admin = await role('ana', ctx, 'admin');
    technician = await role('tito', ctx, 'technician');
    otherAdmin = await role('olga', other, 'admin');
  }, 90_000);

  afterAll(async () => {
    await authz?.close();
    await licensing?.close();
    await authz?.db.drop();
    await licensing?.db.drop();
  });

  const outbox = async (type: string): Promise<Json[]> =>
    (
      (await authz.app
        .get(DataSource)
        .query('SELECT data FROM outbox_events WHERE type = $1 ORDER BY sequence', [type])) as {
        data: Json;
      }[]
    ).map((r) => r.data);

  /** Delivers one `integration.check_completed`, as the consumer would receive it. */
  const report = (
    check: HomologationCheck,
    passed: boolean,
    o: { run?: string; context?: Ctx; time?: Date } = {},
  ) => {
    const data: IntegrationCheckCompletedPayload = {
      context: o.context ?? ctx,
      ...(o.run ? { run: o.run } : {}),
      check,
      passed,
      detail: passed ? 'answered 200' : 'answered 500',
      evidence: { statusCode: passed ? 200 : 500 },
      checkedBy: check.startsWith('client') || check === 'api-reads' ? 'oauth' : 'webhooks',
      actorUser: 'ana',
    };
    const manager = authz.app.get(DataSource).manager;
    return manager.transaction((m) =>
      authz.app.get(RecordCheckHandler).onCheck(
        {
          id: randomUUID(),
          type: 'integration.check_completed',
          source: 'test',
          time: (o.time ?? new Date()).toISOString(),
          subject: o.run ?? 'x',
          data,
        },
        { manager: m, attempt: 1 },
      ),
    );
  };

  it('starts with the Portal only; reading needs the context admin or technician', async () => {
    const read = await http.call(technician, 'GET', API);
    expect(read).toMatchObject({
      status: 200,
      body: {
        context: ctx,
        channels: { portal: true, files: false, api: false },
        homologated: false,
        latestRun: null,
        checks: [],
        pendingRequests: [],
      },
    });
    const plainUser = userIn('ze', { ...ctx, accessId: randomUUID() }, SUITE);
    expect((await http.call(plainUser, 'GET', API)).status).toBe(403);
    expect((await http.call(platformAdmin('user-accounts.suite'), 'GET', API)).status).toBe(403);
  });

  it('refuses a homologation run while the API channel is off', async () => {
    const res = await http.call(admin, 'POST', `${API}/homologation/runs`);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain('API channel');
  });

  it('lets the admin choose the channels (never without the Portal), and records it', async () => {
    expect((await http.call(technician, 'PUT', API, { files: true, api: true })).status).toBe(403);
    const off = await http.call(admin, 'PUT', API, { portal: false, files: true, api: true });
    expect(off.status).toBe(400);
    expect(JSON.stringify(off.body)).toContain('portal');
    const saved = await http.call(admin, 'PUT', API, { portal: true, files: true, api: true });
    expect(saved).toMatchObject({
      status: 200,
      body: { channels: { portal: true, files: true, api: true } },
    });
    expect(await outbox('integration.channels_updated')).toContainEqual(
      expect.objectContaining({ context: ctx, files: true, api: true, actorUser: 'ana' }),
    );
    const theirs = await http.call(otherAdmin, 'GET', API);
    expect(theirs.body).toMatchObject({ channels: { files: false, api: false } });
  });

  it('keeps an SFTP request pending until a platform administrator marks it done', async () => {
    const asked = await http.call(admin, 'POST', `${API}/channel-requests`, {
      channel: 'sftp',
      message: 'Retorno diário',
    });
    expect(asked).toMatchObject({
      status: 201,
      body: { channel: 'sftp', status: 'pending', requestedBy: 'ana', context: ctx },
    });
    const id = (asked.body as Json)['id'] as string;
    const again = await http.call(admin, 'POST', `${API}/channel-requests`, { channel: 'sftp' });
    expect(again.status).toBe(409);
    const bad = await http.call(admin, 'POST', `${API}/channel-requests`, { channel: 'ftp' });
    expect(bad.status).toBe(400);
    expect((await http.call(technician, 'GET', API)).body).toMatchObject({
      pendingRequests: [{ id, channel: 'sftp', status: 'pending' }],
    });
    expect(await outbox('integration.channel_requested')).toContainEqual(
      expect.objectContaining({ id, channel: 'sftp', context: ctx, status: 'pending' }),
    );

    // Every context's pending requests, with the entity's name, for the administrators.
    const all = await http.call(
      platformAdmin('user-accounts.suite'),
      'GET',
      `${API}/channel-requests?filter=${encodeURIComponent("status = 'pending'")}`,
    );
    expect(all.body).toMatchObject({
      content: [{ id, entityName: 'Prefeitura de Laguna', status: 'pending' }],
    });
    const theirs = await http.call(otherAdmin, 'GET', `${API}/channel-requests`);
    expect(theirs.body).toMatchObject({ content: [] });

    expect((await http.call(admin, 'POST', `${API}/channel-requests/${id}/done`, {})).status).toBe(
      403,
    );
    const done = await http.call(
      platformAdmin('user-accounts.suite'),
      'POST',
      `${API}/channel-requests/${id}/done`,
      { note: 'Usuário enviado por e-mail' },
    );
    expect(done).toMatchObject({ status: 200, body: { status: 'done', doneBy: 'root' } });
    const twice = await http.call(
      platformAdmin('user-accounts.suite'),
      'POST',
      `${API}/channel-requests/${id}/done`,
      {},
    );
    expect(twice.status).toBe(409);
    expect((await http.call(admin, 'GET', API)).body).toMatchObject({ pendingRequests: [] });
    expect(await outbox('integration.channel_request_done')).toContainEqual(
      expect.objectContaining({ id, status: 'done', note: 'Usuário enviado por e-mail' }),
    );
  });

  const startRun = async (): Promise<string> => {
    const res = await http.call(admin, 'POST', `${API}/homologation/runs`);
    expect(res).toMatchObject({ status: 201, body: { status: 'open' } });
    expect((res.body as Json)['required']).toEqual([...HOMOLOGATION_CHECKS]);
    return (res.body as Json)['id'] as string;
  };

  it('fails a run with a red step and homologates nothing', async () => {
    const run = await startRun();
    for (const check of HOMOLOGATION_CHECKS)
      await report(check, check !== 'wrong-signature-rejected', { run });
    const state = await http.call(admin, 'GET', API);
    expect(state.body).toMatchObject({
      homologated: false,
      latestRun: { id: run, status: 'failed' },
    });
    const red = ((state.body as Json)['checks'] as Json[]).find(
      (c) => c['check'] === 'wrong-signature-rejected',
    );
    expect(red).toMatchObject({
      passed: false,
      run,
      checkedBy: 'webhooks',
      detail: 'answered 500',
    });
    expect(await outbox('integration.homologated')).toEqual([]);
  });

  it('does not count results of another context, of no run, or after the run ended', async () => {
    const run = await startRun();
    for (const check of HOMOLOGATION_CHECKS.slice(0, 5)) await report(check, true, { run });
    await report('oauth2-token-url', true, { run, context: other });
    await report('oauth2-token-url', true);
    expect((await http.call(admin, 'GET', API)).body).toMatchObject({
      homologated: false,
      latestRun: { id: run, status: 'open' },
    });
    await authz.app
      .get(DataSource)
      .query(
        `UPDATE homologation_runs SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [run],
      );
    await report('oauth2-token-url', true, { run });
    expect((await http.call(admin, 'GET', API)).body).toMatchObject({
      homologated: false,
      latestRun: { id: run, status: 'expired' },
    });
    expect(await outbox('integration.homologated')).toEqual([]);
  });

  it('homologates the integration when every check of one run passed, once', async () => {
    const run = await startRun();
    for (const check of HOMOLOGATION_CHECKS) await report(check, true, { run });
    const state = await http.call(technician, 'GET', API);
    expect(state.body).toMatchObject({
      homologated: true,
      latestRun: { id: run, status: 'passed' },
    });
    expect((state.body as Json)['homologatedAt']).toEqual(expect.any(String));
    const homologated = await outbox('integration.homologated');
    expect(homologated).toEqual([
      expect.objectContaining({ context: ctx, run, checks: [...HOMOLOGATION_CHECKS] }),
    ]);
    // A late duplicate of a result changes nothing: the run is over.
    await report('api-reads', true, { run });
    expect(await outbox('integration.homologated')).toHaveLength(1);
    // An older result arriving late does not replace the latest.
    await report('api-reads', false, { time: new Date(Date.now() - 60_000) });
    const checks = (await http.call(admin, 'GET', API)).body as Json;
    expect((checks['checks'] as Json[]).find((c) => c['check'] === 'api-reads')).toMatchObject({
      passed: true,
    });
  });
});
