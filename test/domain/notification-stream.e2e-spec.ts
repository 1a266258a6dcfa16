import { randomUUID } from 'node:crypto';
import { assertionFor } from '@platform/testing';
import { createApp } from '../../apps/notifications/src/bootstrap';
import { boot, Booted, eventually, ServiceClient, userIn } from './support/domain-harness';

const SUITE = ['notifications.suite'];
const API = '/notifications/api/messages';

/*
 * The live stream (`GET /notifications/api/messages/stream`) sends each new message once. Message
 * times were stored in microseconds while the stream's cursor is a millisecond Date, so every
 * message looked newer than the cursor and was sent again every second, for ever.
 */
describe('the notification stream', () => {
  let svc: Booted;
  let http: ServiceClient;
  const ana = userIn(
    'ana.stream',
    { entity: randomUUID(), database: randomUUID(), accessId: randomUUID() },
    SUITE,
  );

  beforeAll(async () => {
    svc = await boot(createApp, 'notif_stream');
    http = new ServiceClient(svc.url, 'notifications');
  });

  afterAll(async () => {
    await svc?.close();
    await svc?.db.drop();
  });

  it('sends each new message once', async () => {
    const abort = new AbortController();
    const res = await fetch(`${svc.url}${API}/stream`, {
      headers: { 'x-platform-assertion': await assertionFor('notifications', ana) },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let text = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
          text += decoder.decode(chunk);
      } catch {
        // aborted at the end of the test
      }
    })();
    const sent = await http.call(ana, 'POST', API, {
      text: 'uma vez só',
      destination: 'USER',
      user: 'ana.stream',
    });
    expect(sent.status).toBe(201);
    const id = sent.body['id'] as string;
    await eventually(async () => (text.includes(id) ? true : undefined), 10_000);
    // Three more polls of the stream (one a second) must not send it again.
    await new Promise((r) => setTimeout(r, 3_500));
    abort.abort();
    await reading;
    expect(text.split(`id: ${id}`).length - 1).toBe(1);
  });
});
