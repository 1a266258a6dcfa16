import { rmSync } from 'node:fs';
import { eventually } from '@platform/testing';
import {
  bootSummary,
  launch,
  makeDataDir,
  platformEnv,
  type Run,
  stop,
  tokenRequest,
  untilReady,
} from '../../platform/launcher';

export const BOOTSTRAP = {
  id: 'portal-e2e-admin-client',
  secret: 'portal-e2e-bootstrap-secret-0123456789',
};
export const ADMIN = { login: 'admin', password: 'portal-e2e-admin-password-0123' };
export const REQUESTER = { login: 'rita.integradora', password: 'senha-da-rita-0123' };
/** The integrator: the context's admin, not a platform administrator (ADR 15 stage 2). */
export const INTEGRATOR = { login: 'carla.integradora', password: 'senha-da-carla-0123' };

export type Json = Record<string, unknown>;
export interface Reply<T = Json> {
  status: number;
  body: T;
}

/** `npm start` for the portal's browser tests: webhooks may reach the loopback receiver over http. */
export class PortalPlatform {
  readonly dataDir = makeDataDir('portal-e2e-');
  run?: Run;
  gateway = '';
  adminToken = '';

  async start(): Promise<void> {
    const port = await import('@platform/persistence').then((p) => p.freePort());
    const gateway = `http://127.0.0.1:${port}`;
    const launched = await platformEnv(this.dataDir, {
      PORT: String(port),
      // The browser and the OAuth issuer must agree on one origin for cookies and redirects.
      PUBLIC_URL: gateway,
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      BOOTSTRAP_ADMIN_LOGIN: ADMIN.login,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOKS_ALLOW_HTTP: 'true',
      WEBHOOKS_RETRY_SCHEDULE: '2s,5s,30s',
    });
    this.gateway = gateway;
    this.run = launch(launched.env);
    const readyMs = await untilReady(gateway, this.run);
    process.stdout.write(
      `portal e2e: platform ready ${(readyMs / 1000).toFixed(1)} s after the build [${bootSummary(this.run)}]\n`,
    );
    this.adminToken = await this.clientToken(BOOTSTRAP);
  }

  async stop(): Promise<void> {
    // A platform that died during the suite says why (its own output is otherwise never shown).
    if (this.run && this.run.child.exitCode !== null) {
      process.stdout.write(
        `portal e2e: npm start exited (${this.run.child.exitCode}) before the suite ended; its last output:\n${this.run.output().slice(-6000)}\n`,
      );
    }
    if (this.run && this.run.child.exitCode === null) await stop(this.run);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async clientToken(
    client: { id: string; secret: string },
    form: Record<string, string> = {},
  ): Promise<string> {
    const res = await tokenRequest(this.gateway, client, {
      grant_type: 'client_credentials',
      ...form,
    });
    const body = (await res.json()) as Json;
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
    return body['access_token'] as string;
  }

  async call<T = Json>(
    method: string,
    path: string,
    o: { token?: string; access?: string; json?: unknown } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (o.token ?? this.adminToken)
      headers['authorization'] = `Bearer ${o.token ?? this.adminToken}`;
    if (o.access) headers['user-access'] = o.access;
    if (o.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.gateway + path, {
      method,
      headers,
      body: o.json === undefined ? undefined : JSON.stringify(o.json),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** POST that must answer 201 (or 200); returns the body. */
  async create(
    path: string,
    json: unknown,
    o: { token?: string; access?: string } = {},
  ): Promise<Json> {
    const res = await this.call('POST', path, { ...o, json });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Grants an access, waiting until authorizations knows the context (it learns it from licensing's events). */
  async grantAccess(
    user: string,
    ctx: { entity: string; database: string },
    admin: boolean,
  ): Promise<string> {
    const res = await eventually(
      async () => {
        const r = await this.call('POST', '/user-accounts/v0.1/api/management/access', {
          json: { user, admin, context: ctx },
        });
        return r.status === 422 ? undefined : r;
      },
      15_000,
      100,
    );
    if (res.status !== 201) throw new Error(`grant: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body['id'] as string;
  }
}
