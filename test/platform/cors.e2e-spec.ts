import { rmSync } from 'node:fs';
import { eventually } from '@platform/testing';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  bootSummary,
  clientToken,
  launch,
  makeDataDir,
  platformEnv,
  type Run,
  stop,
  untilReady,
} from './launcher';

/*
 * CORS at the gateway of `npm start`: a web page of a registered browser client (its redirect
 * URIs' origin) may call the APIs; any other origin gets no CORS header. The gateway learns a
 * new client from `client.created` within a second, and after a restart from oauth's snapshot
 * (the in-process bus keeps no history).
 */

const BOOTSTRAP = { id: 'cors-platform-admin', secret: 'cors-bootstrap-secret-0123456789abcdef' };
const SPA = 'https://spa.cors.example';
const LATE = 'https://late.cors.example';
const STRANGER = 'https://stranger.cors.example';

describe('CORS for registered browser clients (gateway of `npm start`)', () => {
  const dataDir = makeDataDir('platform-cors-');
  let run: Run | undefined;
  let env: NodeJS.ProcessEnv;
  let gateway: string;
  let admin: string;

  const boot = async (): Promise<void> => {
    run = launch(env);
    const readyMs = await untilReady(gateway, run);
    process.stdout.write(`cors: ready in ${readyMs} ms [${bootSummary(run)}]\n`);
  };

  const preflight = (origin: string): Promise<Response> =>
    fetch(`${gateway}/usuarios/v0.1/api/usuarios`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization, content-type, user-access, idempotency-key',
      },
    });

  const registerBrowserClient = async (origin: string): Promise<Response> =>
    fetch(`${gateway}/auth/oauth2/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `spa at ${origin}`,
        kind: 'browser',
        redirectUris: [`${origin}/callback`],
        scopes: ['users.suite'],
      }),
    });

  const corsHeaders = (res: Response): string[] =>
    [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));

  beforeAll(async () => {
    const launched = await platformEnv(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
    });
    gateway = launched.gateway;
    env = { ...launched.env, PUBLIC_URL: gateway };
    await boot();
    admin = await clientToken(gateway, BOOTSTRAP, 'platform.admin users.suite');
    expect((await registerBrowserClient(SPA)).status).toBe(201);
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a registered origin’s preflight with what its page may send', async () => {
    const res = await eventually(async () => {
      const r = await preflight(SPA);
      return r.headers.get('access-control-allow-origin') ? r : undefined;
    }, 5_000);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    for (const h of ['authorization', 'content-type', 'user-access', 'idempotency-key'])
      expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets that origin read an API answer, a refusal included, and its headers', async () => {
    const listed = await fetch(`${gateway}/usuarios/v0.1/api/usuarios`, {
      headers: { origin: SPA, authorization: `Bearer ${admin}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(SPA);
    const exposed = listed.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['RateLimit', 'Retry-After', 'x-request-id', 'Location', 'Idempotent-Replayed'])
      expect(exposed).toContain(h);
    expect(listed.headers.get('vary')).toContain('Origin');
    const refused = await fetch(`${gateway}/usuarios/v0.1/api/usuarios`, {
      headers: { origin: SPA },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(SPA);
  });

  it('gives an origin no client registered no CORS header', async () => {
    const pre = await preflight(STRANGER);
    expect(corsHeaders(pre)).toEqual([]);
    const res = await fetch(`${gateway}/usuarios/v0.1/api/usuarios`, {
      headers: { origin: STRANGER, authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual([]);
  });

  it('allows the origin of a browser client registered now within a second', async () => {
    expect(corsHeaders(await preflight(LATE))).toEqual([]);
    expect((await registerBrowserClient(LATE)).status).toBe(201);
    const registered = Date.now();
    await eventually(
      async () => {
        const r = await preflight(LATE);
        return r.headers.get('access-control-allow-origin') === LATE ? true : undefined;
      },
      5_000,
      25,
    );
    const tookMs = Date.now() - registered;
    process.stdout.write(`cors: a new client's origin was allowed after ${tookMs} ms\n`);
    expect(tookMs).toBeLessThanOrEqual(1_000);
  });

  it(
    'still allows the registered origins after a restart (oauth’s snapshot)',
    async () => {
      if (run) expect(await stop(run)).toBe(0);
      await boot();
      for (const origin of [SPA, LATE])
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
      expect(corsHeaders(await preflight(STRANGER))).toEqual([]);
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS,
  );
});
