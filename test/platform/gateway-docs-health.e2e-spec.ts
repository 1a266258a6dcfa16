import { type GatewayHarness, startGatewayHarness } from './gateway-harness';
import { notificationsDoc, serviceA } from './openapi-fixtures';

describe('gateway docs and health (e2e, fake services behind it)', () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('composes the services OpenAPI documents into one', async () => {
    const res = await fetch(`${h.base}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      servers: { url: string }[];
      paths: Record<
        string,
        Record<string, { security?: unknown; responses?: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.servers).toEqual([{ url: 'https://api.example.test' }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/auth/oauth2/token',
      '/notifications/api/messages',
      '/usuarios/v0.1/api/usuarios/{id}',
    ]);
    expect(doc.paths['/usuarios/v0.1/api/usuarios/{id}']!['get']!.security).toEqual([
      { oauth2: ['users.suite'] },
      { bearer: [] },
    ]);
    expect(doc.paths['/auth/oauth2/token']!['post']!.security).toEqual([]);
    // The platform's own Problem keeps its name; a service's different one is renamed.
    expect(doc.components.schemas['Problem']).toMatchObject({
      required: ['type', 'title', 'status'],
    });
    expect(doc.components.schemas['UsersProblem']).toEqual(serviceA.components.schemas.Problem);
    expect(doc.components.schemas['NotificationsProblem']).toEqual(
      notificationsDoc.components.schemas.Problem,
    );
    expect(JSON.stringify(doc.paths['/notifications/api/messages'])).toContain(
      '#/components/schemas/NotificationsProblem',
    );
    expect(doc.components.securitySchemes['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('serves the browsable reference, its assets and the event catalogue', async () => {
    const page = await fetch(`${h.base}/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const bundle = await fetch(`${h.base}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${h.base}/docs/assets/package.json`)).status).toBe(404);
    // "Authorize" signs in by authorization code with PKCE, as the public docs client.
    const init = await (await fetch(`${h.base}/docs/assets/docs-init.js`)).text();
    expect(init).toContain('usePkceWithAuthorizationCodeGrant: true');
    expect(init).toContain('clientId: "platform-docs"');
    const redirect = await fetch(`${h.base}/docs/assets/oauth2-redirect.html`);
    expect(redirect.status).toBe(200);
    expect(await redirect.text()).toContain('oauth2-redirect.js');
    expect((await fetch(`${h.base}/docs/assets/index.html`)).status).toBe(404);
    // A problem's type resolves to a page about its kind.
    const kind = await fetch(`${h.base}/docs/problems/license-inactive`);
    expect(kind.status).toBe(200);
    expect(await kind.text()).toContain('license');
    expect((await fetch(`${h.base}/docs/problems/nope`)).status).toBe(404);
    const asyncapi = (await (await fetch(`${h.base}/docs/asyncapi.json`)).json()) as {
      asyncapi: string;
    };
    expect(asyncapi.asyncapi).toBe('3.0.0');
  });

  it('is ready only while every service is ready, naming each', async () => {
    const up = await fetch(`${h.base}/health/ready`);
    expect(up.status).toBe(200);
    h.notifications.readyStatus = 503;
    const down = await fetch(`${h.base}/health/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { checks: Record<string, string> };
    expect(body.checks['notifications']).toContain('503');
    expect(body.checks['users']).toBe('up');
    expect(Object.keys(body.checks)).toEqual(
      expect.arrayContaining([
        'audit',
        'authorizations',
        'licensing',
        'notifications',
        'oauth',
        'users',
        'webhooks',
      ]),
    );
    expect((await fetch(`${h.base}/health/live`)).status).toBe(200);
  });

  it('answers 502 problem+json when a service is down, and is not ready', async () => {
    await h.notifications.close();
    const res = await fetch(`${h.base}/notifications/api/messages`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const ready = await fetch(`${h.base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(
      ((await ready.json()) as { checks: Record<string, string> }).checks['notifications'],
    ).toContain('ECONNREFUSED');
  });
});
