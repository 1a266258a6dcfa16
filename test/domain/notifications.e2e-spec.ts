import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessRequestDenied, WebhookDisabled } from '@platform/contracts';
import { draft, type EventDraft, OutboxPublisher } from '@platform/messaging';
import { assertionFor } from '@platform/testing';
import { createApp } from '../../apps/notifications/src/bootstrap';
import { boot, Booted, eventually, ServiceClient, userIn } from './support/domain-harness';
import { seedMessageBody } from './support/seed-message';

// `002_*` "Notificações": paths and the POST body as the seed shows them.
const SUITE = ['notifications.suite'];
const API = '/notifications/api/messages';
type Page = {
  content: { id: string; read: boolean; type: string | null; text: string }[];
  hasNext: boolean;
};

const ctxA = { entity: randomUUID(), database: randomUUID() };
const ctxB = { entity: randomUUID(), database: randomUUID() };

describe('notifications over HTTP', () => {
  let svc: Booted;
  let http: ServiceClient;
  const joao = userIn('joao', { ...ctxA, accessId: randomUUID() }, SUITE);
  const adminA = userIn('ana', { ...ctxA, accessId: randomUUID(), role: 'admin' }, SUITE);
  const outsider = userIn('olga', { ...ctxB, accessId: randomUUID() }, SUITE);

  beforeAll(async () => {
    svc = await boot(createApp, 'notif_e2e', { env: { SSE_HEARTBEAT_MS: '200' } });
    http = new ServiceClient(svc.url, 'notifications');
  });

  afterAll(async () => {
    await svc?.close();
    await svc?.db.drop();
  });

  /** Writes `event` to this service's own outbox: its relay publishes it to Kafka, its consumer reads it back. */
  const publish = (event: EventDraft): Promise<void> =>
    svc.app.get(DataSource).transaction((m) => svc.app.get(OutboxPublisher).add(m, event));

  it('stores the seed body as a USER message that only its user sees', async () => {
    const sent = await http.call(joao, 'POST', API, seedMessageBody('joao'));
    expect(sent).toMatchObject({
      status: 201,
      body: {
        systemId: '137',
        text: 'Sua mensagem',
        source: 'system@script',
        user: 'joao',
        priority: 3,
        status: 'CLOSED',
        destination: 'USER',
        type: 'SCRIPT_EXECUTADO',
        closed: true,
        read: false,
        userDestined: true,
        contextDestined: false,
      },
    });
    const id = sent.body['id'] as string;
    expect((await http.call<Page>(joao, 'GET', API)).body.content.map((m) => m.id)).toContain(id);
    expect((await http.call<Page>(adminA, 'GET', API)).body.content.map((m) => m.id)).not.toContain(
      id,
    );
    expect((await http.call(adminA, 'POST', `${API}/${id}/read`)).status).toBe(404);
  });

  it('keeps read state per user for a CONTEXT message', async () => {
    const sent = await http.call(adminA, 'POST', API, {
      text: 'Manutenção às 22h',
      destination: 'CONTEXT',
      type: 'AVISO',
    });
    expect(sent).toMatchObject({ status: 201, body: { context: ctxA, contextDestined: true } });
    const id = sent.body['id'] as string;

    expect((await http.call(joao, 'POST', `${API}/${id}/read`)).body).toMatchObject({
      id,
      read: true,
    });
    expect(
      (await http.call<Page>(joao, 'GET', `${API}/reads`)).body.content.map((m) => m.id),
    ).toContain(id);
    expect(
      (await http.call<Page>(joao, 'GET', `${API}/unreads`)).body.content.map((m) => m.id),
    ).not.toContain(id);
    // Ana has not read it: her unreads still hold it.
    expect(
      (await http.call<Page>(adminA, 'GET', `${API}/unreads`)).body.content.map((m) => m.id),
    ).toContain(id);

    expect((await http.call(joao, 'POST', `${API}/${id}/unread`)).body).toMatchObject({
      read: false,
    });
    expect(
      (await http.call<Page>(joao, 'GET', `${API}/unreads`)).body.content.map((m) => m.id),
    ).toContain(id);

    expect((await http.call(joao, 'POST', `${API}/read-all`)).body).toEqual({ read: 2 });
    expect((await http.call<Page>(joao, 'GET', `${API}/unreads`)).body.content).toEqual([]);
    expect((await http.call(joao, 'POST', `${API}/read-all`)).body).toEqual({ read: 0 });

    const reads: { n: number }[] = await svc.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'notification.read' AND subject = $1`,
        [id],
      );
    expect(reads[0]!.n).toBe(2); // joão read it, then read it again (read-all) after marking it unread
  });

  it('refuses sending to another context and bad bodies', async () => {
    expect(
      (await http.call(joao, 'POST', API, { text: 'x', destination: 'CONTEXT', context: ctxB }))
        .status,
    ).toBe(403);
    expect(
      (
        await http.call({ clientId: 'svc', scopes: SUITE }, 'POST', API, {
          text: 'x',
          destination: 'CONTEXT',
        })
      ).status,
    ).toBe(400);
    expect((await http.call(joao, 'POST', API, { text: 'x', destination: 'USER' })).status).toBe(
      400,
    );
    expect(
      (await http.call(joao, 'POST', API, { ...seedMessageBody('joao'), destination: 'TODOS' }))
        .status,
    ).toBe(400);
    expect(
      (await http.call(joao, 'POST', API, { ...seedMessageBody('joao'), senha: 'x' })).status,
    ).toBe(400);
    expect(
      (await http.call(outsider, 'GET', `${API}?filter=${encodeURIComponent("type = 'AVISO'")}`))
        .body,
    ).toMatchObject({ content: [] });
    expect((await http.call(joao, 'POST', `${API}/nao-e-uuid/read`)).status).toBe(400);
  });

  it('takes only absolute http(s) links: a 400 names the field otherwise', async () => {
    const body = {
      ...seedMessageBody('joao'),
      link: 'https://erp.example/tarefas/1',
      trackingLink: 'http://erp.example/t/1',
    };
    expect((await http.call(joao, 'POST', API, body)).status).toBe(201);
    for (const field of ['link', 'cancellationLink', 'trackingLink']) {
      for (const bad of [
        'javascript:alert(document.cookie)',
        'data:text/html,<script>alert(1)</script>',
        '/relativo',
      ]) {
        const res = await http.call(joao, 'POST', API, {
          ...seedMessageBody('joao'),
          [field]: bad,
        });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain(`${field} must be an absolute http(s) URL`);
      }
    }
  });

  it('tells the owner of a disabled webhook, from the webhook.disabled event on Kafka', async () => {
    const subscription = randomUUID();
    await publish(
      draft(WebhookDisabled, subscription, {
        id: subscription,
        action: 'license.expired',
        postbackUrl: 'https://erp.example/hook',
        techOwnerEmail: 't@example.com',
        techOwnerName: 'Téc',
        ownerUser: 'joao',
        reason: '410 Gone',
      }),
    );
    const message = await eventually(
      async () => {
        const page = await http.call<Page>(
          joao,
          'GET',
          `${API}/unreads?filter=${encodeURIComponent("type = 'WEBHOOK_DISABLED'")}`,
        );
        return page.body.content[0];
      },
      30_000,
      200,
    );
    expect(message.text).toContain('https://erp.example/hook');
    expect((await http.call<Page>(outsider, 'GET', API)).body.content).toEqual([]);
  });

  it("tells the context's admins, not the former owner, when a webhook ends with its owner's access", async () => {
    const subscription = randomUUID();
    await publish(
      draft(WebhookDisabled, subscription, {
        id: subscription,
        action: '*',
        postbackUrl: 'https://ex-employee.example/hook',
        techOwnerEmail: 't@example.com',
        techOwnerName: 'Téc',
        ownerUser: 'joao',
        entity: ctxA.entity,
        database: ctxA.database,
        reason: "its owner's access to the context was revoked",
        ownerLostAccess: true,
      }),
    );
    const unread = (who: typeof joao) =>
      http.call<Page>(
        who,
        'GET',
        `${API}/unreads?filter=${encodeURIComponent("type = 'WEBHOOK_DISABLED'")}`,
      );
    const message = await eventually(
      async () =>
        (await unread(adminA)).body.content.find((m) => m.text.includes('ex-employee.example')),
      30_000,
      200,
    );
    expect(message.text).toContain("its owner's access to the context was revoked");
    const joaos = (await unread(joao)).body.content.map((m) => m.text);
    expect(joaos.filter((t) => t.includes('ex-employee.example'))).toEqual([]);
  });

  it('tells a requester that its access request was denied, from the event on Kafka', async () => {
    const request = randomUUID();
    await publish(
      draft(
        AccessRequestDenied,
        request,
        {
          id: request,
          user: 'olga',
          context: ctxA,
          status: 'denied',
          decidedBy: 'ana',
        },
        { entity: ctxA.entity },
      ),
    );
    const message = await eventually(
      async () => {
        const page = await http.call<Page>(
          outsider,
          'GET',
          `${API}?filter=${encodeURIComponent("type = 'ACCESS_REQUEST_DENIED'")}`,
        );
        return page.body.content[0];
      },
      30_000,
      200,
    );
    expect(message.text).toBe('Seu pedido de acesso foi negado.');
    expect(
      (
        await http.call<Page>(
          joao,
          'GET',
          `${API}?filter=${encodeURIComponent("type = 'ACCESS_REQUEST_DENIED'")}`,
        )
      ).body.content,
    ).toEqual([]);
  });

  it('streams new messages of the caller as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${svc.url}${API}/stream`, {
      headers: { 'x-platform-assertion': await assertionFor('notifications', joao) },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // The other context's message comes first: were it visible, it would be streamed before ours.
    await http.call(outsider, 'POST', API, { text: 'De outro contexto', destination: 'CONTEXT' });
    await http.call(adminA, 'POST', API, { text: 'Ao vivo', destination: 'CONTEXT' });
    const reader = res.body!.getReader();
    let text = '';
    const deadline = Date.now() + 5_000;
    while (!text.includes('Ao vivo') && Date.now() < deadline)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: message');
    expect(text).toContain('Ao vivo');
    expect(text).not.toContain('De outro contexto');
  });

  it('keeps an idle stream alive: headers at once, then a comment line every SSE_HEARTBEAT_MS', async () => {
    const controller = new AbortController();
    const opened = Date.now();
    const res = await fetch(`${svc.url}${API}/stream`, {
      headers: { 'x-platform-assertion': await assertionFor('notifications', outsider) },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(Date.now() - opened).toBeLessThan(1_000);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/^: keep-alive$/gm) ?? []).length < 3 && Date.now() - opened < 5_000) {
      text += new TextDecoder().decode((await reader.read()).value);
    }
    controller.abort();
    expect((text.match(/^: keep-alive$/gm) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain('event:');
  });
});
