import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ChannelRequestPayload } from '@platform/contracts';
import { InProcessBus } from '@platform/messaging';
import { createApp } from '../../apps/notifications/src/bootstrap';
import { ChannelRequestsHandler } from '../../apps/notifications/src/platform-admins/channel-requests.handler';
import { boot, Booted, platformAdmin, ServiceClient, userIn } from './support/domain-harness';

/*
 * Messages to the platform's administrators (ADR 15 stage 2): a context's request for an SFTP or
 * Connect:Direct channel reaches every caller holding `platform.admin`, and nobody else; when it
 * is done, the context's admins are told.
 */
const SUITE = ['notifications.suite'];
const API = '/notifications/api/messages';
type Page = { content: { text: string; destination: string; context: unknown }[] };

describe('notifications for platform administrators', () => {
  let svc: Booted;
  let http: ServiceClient;
  const ctx = { entity: randomUUID(), database: randomUUID() };
  const contextAdmin = userIn('ana', { ...ctx, accessId: randomUUID(), role: 'admin' }, SUITE);
  const request: ChannelRequestPayload = {
    id: randomUUID(),
    context: ctx,
    channel: 'sftp',
    message: 'Retorno diário às 2 h',
    status: 'pending',
    requestedBy: 'ana',
  };

  beforeAll(async () => {
    // The handler is called directly: no broker needed (an in-process bus nobody starts).
    svc = await boot(
      (runtime) =>
        createApp({
          ...runtime,
          env: { ...runtime.env, KAFKA_BROKERS: '' },
          bus: new InProcessBus(),
        }),
      'notif_admins',
    );
    http = new ServiceClient(svc.url, 'notifications');
  });

  afterAll(async () => {
    await svc?.close();
    await svc?.db.drop();
  });

  const deliver = (type: 'onRequested' | 'onDone', data: ChannelRequestPayload) =>
    svc.app.get(DataSource).transaction((manager) =>
      svc.app.get(ChannelRequestsHandler)[type](
        {
          id: randomUUID(),
          type: 'x',
          source: 't',
          time: new Date().toISOString(),
          subject: data.id,
          data,
        },
        { manager, attempt: 1 },
      ),
    );
  const texts = async (who: Parameters<ServiceClient['call']>[0]): Promise<string[]> =>
    ((await http.call<Page>(who, 'GET', API)).body.content ?? []).map((m) => m.text);

  it("tells every platform administrator of a context's SFTP request, and nobody else", async () => {
    await deliver('onRequested', request);
    const admins = await http.call<Page>(platformAdmin(...SUITE), 'GET', API);
    expect(admins.body.content).toEqual([
      expect.objectContaining({
        destination: 'PLATFORM_ADMINS',
        context: ctx,
        text: expect.stringContaining('SFTP'),
      }),
    ]);
    expect(admins.body.content[0]?.text).toContain('Retorno diário às 2 h');
    const inContext = {
      ...platformAdmin(...SUITE),
      context: { ...ctx, accessId: randomUUID(), role: 'user' as const },
    };
    expect(await texts(inContext)).toHaveLength(1);
    expect(await texts(contextAdmin)).toEqual([]);
    expect(await texts(userIn('ana', { ...ctx, accessId: randomUUID() }, SUITE))).toEqual([]);
    // Its event names no context, so no context's webhook subscription receives it.
    const [event] = (await svc.app
      .get(DataSource)
      .query(`SELECT data, entity FROM outbox_events WHERE type = 'notification.created'`)) as {
      data: Record<string, unknown>;
      entity: string | null;
    }[];
    expect(event?.data).toMatchObject({ destination: 'PLATFORM_ADMINS' });
    expect(event?.data).not.toHaveProperty('entity');
    expect(event?.entity ?? null).toBeNull();
  });

  it("is not something a caller can send: the API's destinations stay USER and CONTEXT", async () => {
    const res = await http.call(platformAdmin(...SUITE), 'POST', API, {
      destination: 'PLATFORM_ADMINS',
      text: 'oi',
    });
    expect(res.status).toBe(400);
  });

  it("tells the context's admins when the request is done", async () => {
    await deliver('onDone', {
      ...request,
      status: 'done',
      doneBy: 'root',
      note: 'Usuário enviado',
    });
    expect(await texts(contextAdmin)).toEqual([expect.stringContaining('Usuário enviado')]);
  });
});
