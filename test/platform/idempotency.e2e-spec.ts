import { randomUUID } from 'node:crypto';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  clientToken,
  makeDataDir,
  type Run,
  startPlatform,
  stopPlatform,
} from './launcher';

/*
 * Integrators' item 5 through the gateway of `npm start`: a client retrying the creation of a
 * webhook subscription with an `Idempotency-Key` (the header travels through the gateway) gets the
 * first answer again — the same id and the signing secret it shows once — and one subscription.
 */

const BOOTSTRAP = { id: 'idem-platform-admin', secret: 'idem-bootstrap-secret-0123456789abcdef' };
type Json = Record<string, unknown>;

describe('Idempotency-Key through the gateway of `npm start`', () => {
  const dataDir = makeDataDir('platform-idempotency-');
  let run: Run | undefined;
  let gateway: string;
  let admin: string;

  beforeAll(async () => {
    ({ gateway, run } = await startPlatform(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOKS_ALLOW_HTTP: 'true',
    }));
    admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin webhooks.suite');
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);
  afterAll(() => stopPlatform(run, dataDir), 30_000);

  async function post(path: string, json: Json, key: string) {
    const res = await fetch(gateway + path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(json),
    });
    return {
      status: res.status,
      body: (await res.json()) as Json,
      replayed: res.headers.get('idempotent-replayed'),
    };
  }

  it('answers a retried subscription create with its first answer and keeps one subscription', async () => {
    const key = `"${randomUUID()}"`;
    const body = {
      actions: ['license.created', 'license.revoked'],
      postbackUrl: `http://127.0.0.1:9/hooks/${randomUUID()}`,
      techOwnerName: 'Ana',
      techOwnerEmail: 'ana@example.com',
    };
    const first = await post('/api/v1/webhooks', body, key);
    expect(first.status).toBe(201);
    expect(first.body['secret']).toMatch(/^whsec_/);
    expect(first.replayed).toBeNull();
    const retries = await Promise.all([
      post('/api/v1/webhooks', body, key),
      post('/api/v1/webhooks', body, key),
    ]);
    for (const again of retries) expect(again).toEqual({ ...first, replayed: 'true' });
    expect((await post('/api/v1/webhooks', { ...body, techOwnerName: 'Bia' }, key)).status).toBe(
      422,
    );

    const filter = encodeURIComponent(`postbackUrl = '${body.postbackUrl}'`);
    const list = await fetch(`${gateway}/api/v1/webhooks?filter=${filter}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const page = (await list.json()) as { content: Json[] };
    expect(page.content.map((s) => s['id'])).toEqual([first.body['id']]);
  });

  it('lists the event types a subscriber can name at GET /api/v1/event-types', async () => {
    const res = await fetch(`${gateway}/api/v1/event-types`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const { content } = (await res.json()) as {
      content: { type: string; schema: Json; example: Json }[];
    };
    const created = content.find((t) => t.type === 'license.created');
    expect(created?.schema['type']).toBe('object');
    expect(created?.example).toEqual(expect.objectContaining({ entity: expect.any(String) }));
  });
});
