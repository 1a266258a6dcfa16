import { tokenRequest, type ClientCredentials } from './launcher';

/** A small HTTP client of the gateway for the seeds suite: JSON in, JSON (or problem) out. */

export type Json = Record<string, unknown>;

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  /** The `User-Access` header. */
  access?: string;
  json?: unknown;
  form?: Record<string, string>;
  redirect?: 'manual' | 'follow';
}

export class GatewayClient {
  constructor(readonly url: string) {}

  async call<T = Json>(method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    if (o.access) headers['user-access'] = o.access;
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(o.form).toString();
    }
    const res = await fetch(this.url + path, { method, headers, body, redirect: o.redirect });
    const text = await res.text();
    const parsed =
      /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : {};
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A client-credentials token; anything but a 200 fails the test. */
  async clientToken(client: ClientCredentials, scope: string): Promise<string> {
    const res = await tokenRequest(this.url, client, { grant_type: 'client_credentials', scope });
    const body = (await res.json()) as Json;
    expect({ status: res.status, body }).toMatchObject({ status: 200 });
    return body['access_token'] as string;
  }

  /** `POST /auth/oauth2/clients` as the platform admin; the answer's id and secret. */
  async newClient(admin: string, json: Json): Promise<ClientCredentials & { body: Json }> {
    const res = await this.call('POST', '/auth/oauth2/clients', { token: admin, json });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return {
      id: res.body['client_id'] as string,
      secret: res.body['client_secret'] as string,
      body: res.body,
    };
  }

  /** Status and problem fields of what the gateway answers `token` on `path`. */
  async outcome(
    token: string,
    path: string,
    access?: string,
  ): Promise<{ status: number; code?: unknown; reason?: unknown; license?: unknown }> {
    const res = await this.call('GET', path, { token, access });
    const { code, reason, license } = res.body;
    return { status: res.status, ...(code === undefined ? {} : { code, reason, license }) };
  }
}

/** An ISO time `ms` from now. */
export const fromNow = (ms: number): string => new Date(Date.now() + ms).toISOString();

/** Audit records (`GET /audit/v1/events`) of one type, newest first. */
export async function auditRecords(
  gw: GatewayClient,
  admin: string,
  filter: string,
): Promise<Json[]> {
  const query = `filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent('seq desc')}&limit=100`;
  const res = await gw.call<{ content?: Json[] }>('GET', `/audit/v1/events?${query}`, {
    token: admin,
  });
  expect(res.status).toBe(200);
  return res.body.content ?? [];
}
