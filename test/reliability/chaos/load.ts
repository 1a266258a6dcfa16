import { eventually } from '@platform/testing';
import { randomUUID } from 'node:crypto';
import type { Cluster } from './cluster';
import { BOOTSTRAP } from './cluster';

/** The longest any request may take before it counts as hung. */
export const REQUEST_TIMEOUT_MS = Number(process.env['CHAOS_REQUEST_TIMEOUT_MS'] ?? 15_000);

export interface Tally {
  requests: number;
  byStatus: Record<string, number>;
  /** 502/503 from a gateway while a fault was in force (allowed). */
  upstreamDown: number;
  /** Connection refused/reset by a gateway that was down at the time (allowed). */
  gatewayDown: number;
  /** Anything else at 5xx, or a connection error nobody caused, or a hang: failures. */
  violations: string[];
  /** The `x-request-id` each violating request was sent with (the apps log it with the cause). */
  violationRequestIds: string[];
}

export interface Context {
  entity: string;
  database: string;
}

export interface Accepted {
  users: string[];
  databases: { id: string; entity: string }[];
  /** Accesses granted during the run, with their context (`grants` load only). */
  accesses: { id: string; context: Context }[];
  tokens: number;
  revoked: string[];
}

/**
 * A mixed load through both gateways in turn: token issuance (some tokens revoked at once),
 * user writes and database writes in two entities. Every answer is classified as it comes.
 */
export class Load {
  readonly tally: Tally = {
    requests: 0,
    byStatus: {},
    upstreamDown: 0,
    gatewayDown: 0,
    violations: [],
    violationRequestIds: [],
  };
  readonly accepted: Accepted = {
    users: [],
    databases: [],
    accesses: [],
    tokens: 0,
    revoked: [],
  };
  private running = false;
  private loops: Promise<void>[] = [];
  private turn = 0;
  /** Set by the fault injector: while true, 502/503 and refused connections are expected. */
  faultActive = false;
  adminToken = '';

  /** When each answered request started and how long it took. */
  readonly latencies: { at: number; ms: number }[] = [];

  /** The 95th percentile of the answers to requests started in [from, to). */
  p95(from: number, to: number): number | undefined {
    const ms = this.latencies
      .filter((l) => l.at >= from && l.at < to)
      .map((l) => l.ms)
      .sort((a, b) => a - b);
    return ms.length ? ms[Math.floor(ms.length * 0.95)] : undefined;
  }

  /** The two entities whose databases the load writes, alternately. */
  entities: string[] = [];
  /** Two contexts (one database in each entity) the load grants accesses in, alternately. */
  contexts: Context[] = [];

  constructor(private readonly cluster: Cluster) {}

  start(workers = 2, { grants = false } = {}): void {
    this.running = true;
    for (let i = 0; i < workers; i++) {
      this.loops.push(this.loop(() => this.issueToken()));
      this.loops.push(this.loop(() => this.writeUser()));
      this.loops.push(this.loop(() => this.writeDatabase()));
    }
    if (grants) this.loops.push(this.loop(() => this.grantAccess()));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(step: () => Promise<void>): Promise<void> {
    while (this.running) {
      await step().catch((e: unknown) => this.tally.violations.push(`load error: ${String(e)}`));
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private gateway(): string {
    const gateways = this.cluster.gateways;
    return (gateways[this.turn++ % gateways.length] as { url: string }).url;
  }

  /** One request; its outcome counted and classified. Undefined when there was no answer. */
  async call(
    method: string,
    path: string,
    init: {
      token?: string;
      /** A `User-Access` (the caller acts in that access's context). */
      access?: string;
      json?: unknown;
      form?: Record<string, string>;
      /** Client authentication: the bootstrap client (true) or the one given. */
      basic?: boolean | { id: string; secret: string };
    } = {},
  ): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
    const base = this.gateway();
    // The gateway passes it on and every app logs it: a violation's cause can be found in the logs.
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId };
    const violation = (text: string) => {
      this.tally.violations.push(`${text} [request ${requestId}]`);
      this.tally.violationRequestIds.push(requestId);
    };
    let body: string | undefined;
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.access) headers['user-access'] = init.access;
    if (init.basic) {
      const client = init.basic === true ? BOOTSTRAP : init.basic;
      headers['authorization'] =
        `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
    }
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    this.tally.requests++;
    const started = Date.now();
    const faultAtStart = this.faultActive;
    try {
      const res = await fetch(base + path, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      this.tally.byStatus[res.status] = (this.tally.byStatus[res.status] ?? 0) + 1;
      this.latencies.push({ at: started, ms: Date.now() - started });
      if (res.status >= 500) {
        const expected =
          (res.status === 502 || res.status === 503) && (faultAtStart || this.faultActive);
        if (expected) this.tally.upstreamDown++;
        else violation(`${method} ${path} via ${base}: ${res.status} ${text.slice(0, 300)}`);
      }
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    } catch (e) {
      const ms = Date.now() - started;
      const name = (e as Error).name;
      if (name === 'TimeoutError' || ms >= REQUEST_TIMEOUT_MS) {
        violation(`${method} ${path} via ${base}: no answer within ${REQUEST_TIMEOUT_MS} ms`);
      } else if (faultAtStart || this.faultActive) {
        this.tally.gatewayDown++;
      } else {
        violation(`${method} ${path} via ${base}: ${String((e as Error).cause ?? e)}`);
      }
      return undefined;
    }
  }

  async issueToken(): Promise<void> {
    const res = await this.call('POST', '/auth/oauth2/token', {
      basic: true,
      form: { grant_type: 'client_credentials', scope: 'users.suite' },
    });
    if (res?.status !== 200) return;
    this.accepted.tokens++;
    // One token in five is revoked at once: it must be refused by both gateways afterwards.
    if (this.accepted.tokens % 5 !== 0) return;
    const token = res.body['access_token'] as string;
    const revoked = await this.call('POST', '/auth/oauth2/revoke', {
      basic: true,
      form: { token },
    });
    if (revoked?.status === 200) this.accepted.revoked.push(token);
  }

  async writeUser(): Promise<void> {
    const id = `chaos.${randomUUID().slice(0, 8)}`;
    const res = await this.call('POST', '/usuarios/v0.1/api/usuarios', {
      token: this.adminToken,
      json: { id, name: 'Chaos', email: `${id}@example.test` },
    });
    if (res?.status === 201) this.accepted.users.push(id);
  }

  async writeDatabase(): Promise<void> {
    const entity = this.entities[this.accepted.databases.length % this.entities.length] as string;
    const res = await this.call('POST', '/licenses/v0.1/api/databases', {
      token: this.adminToken,
      json: { entity, nome: `chaos ${randomUUID().slice(0, 8)}` },
    });
    if (res?.status === 201) this.accepted.databases.push({ id: res.body['id'] as string, entity });
  }

  /**
   * An access for the next user the load created that has none yet, in the two contexts in turn:
   * `access.granted` is an event of that context, for its subscriptions alone.
   */
  async grantAccess(): Promise<void> {
    const granted = this.accepted.accesses.length; // one loop grants: the next user is this one
    const user = this.accepted.users[granted];
    if (!user) return;
    const context = this.contexts[granted % this.contexts.length] as Context;
    const res = await this.call('POST', '/user-accounts/v0.1/api/management/access', {
      token: this.adminToken,
      json: { user, admin: false, context },
    });
    if (res?.status === 201) this.accepted.accesses.push({ id: res.body['id'] as string, context });
  }

  /** An authenticated read through a gateway (the bearer token checked, the service asked). */
  async readUsers(): Promise<void> {
    await this.call('GET', '/usuarios/v0.1/api/usuarios?limit=1', { token: this.adminToken });
  }

  /** A fresh platform-admin token (kept when the call fails and there is one already). */
  async refreshAdminToken(): Promise<void> {
    const res = await this.call('POST', '/auth/oauth2/token', {
      basic: true,
      form: {
        grant_type: 'client_credentials',
        scope: 'platform.admin users.suite licenses.suite webhooks.suite user-accounts.suite',
      },
    });
    if (res?.status === 200) this.adminToken = res.body['access_token'] as string;
    else if (!this.adminToken) throw new Error(`admin token: ${JSON.stringify(res)}`);
  }

  /** The entities the database writes go to (two contexts). */
  async createEntities(names: string[]): Promise<void> {
    for (const nome of names) {
      const res = await this.call('POST', '/licenses/v0.1/api/entidades', {
        token: this.adminToken,
        json: { nome, esfera: 'MUNICIPAL' },
      });
      if (res?.status !== 201) throw new Error(`entity: ${JSON.stringify(res)}`);
      this.entities.push(res.body['id'] as string);
    }
  }

  /** One database in each entity: the two contexts `grantAccess` alternates between. */
  async createContexts(): Promise<void> {
    for (const entity of this.entities) {
      const res = await this.call('POST', '/licenses/v0.1/api/databases', {
        token: this.adminToken,
        json: { entity, nome: `chaos context ${randomUUID().slice(0, 8)}` },
      });
      if (res?.status !== 201) throw new Error(`database: ${JSON.stringify(res)}`);
      this.contexts.push({ entity, database: res.body['id'] as string });
    }
  }

  /**
   * A user who administers `context` (password grant through a client of that kind) and their
   * `*` subscription there: it may receive that context's events and no other's.
   */
  async subscribeInContext(context: Context, postbackUrl: string): Promise<void> {
    const scopes = 'webhooks.suite';
    const client = await this.call('POST', '/auth/oauth2/clients', {
      token: this.adminToken,
      json: { name: 'Chaos context admin', kind: 'password', scopes: [scopes] },
    });
    if (client?.status !== 201) throw new Error(`client: ${JSON.stringify(client)}`);
    const id = `chaos.admin-${randomUUID().slice(0, 8)}`;
    const password = `senha-${randomUUID()}`;
    const user = await this.call('POST', '/usuarios/v0.1/api/usuarios', {
      token: this.adminToken,
      json: { id, name: 'Chaos admin', email: `${id}@example.test`, password },
    });
    if (user?.status !== 201) throw new Error(`user: ${JSON.stringify(user)}`);
    // authorizations learns the new context from licensing's event: 422 until it has.
    const access = await until201(() =>
      this.call('POST', '/user-accounts/v0.1/api/management/access', {
        token: this.adminToken,
        json: { user: id, admin: true, context },
      }),
    );
    if (access?.status !== 201) throw new Error(`access: ${JSON.stringify(access)}`);
    const issued = await this.call('POST', '/auth/oauth2/token', {
      basic: {
        id: client.body['client_id'] as string,
        secret: client.body['client_secret'] as string,
      },
      form: { grant_type: 'password', username: id, password, scope: scopes },
    });
    if (issued?.status !== 200) throw new Error(`token: ${JSON.stringify(issued)}`);
    const [token, accessId] = [issued.body['access_token'], access.body['id']] as string[];
    // The gateways learn the access from its event: retried until the one asked admits it.
    const made = await until201(() =>
      this.call('POST', '/api/v1/webhooks', {
        token,
        access: accessId,
        json: everyEventTo(postbackUrl),
      }),
    );
    if (made?.status !== 201) throw new Error(`context subscription: ${JSON.stringify(made)}`);
  }

  /** A platform-wide subscription to every event (`*`), delivering to `postbackUrl`. */
  async subscribe(postbackUrl: string): Promise<void> {
    const res = await this.call('POST', '/api/v1/webhooks', {
      token: this.adminToken,
      json: everyEventTo(postbackUrl),
    });
    if (res?.status !== 201) throw new Error(`subscription: ${JSON.stringify(res)}`);
  }
}

/** A subscription to every event (`*`) the caller may receive. */
function everyEventTo(postbackUrl: string): Record<string, string> {
  return {
    action: '*',
    status: 'active',
    postbackUrl,
    techOwnerName: 'Chaos',
    techOwnerEmail: 'chaos@example.test',
  };
}

type Answer = { status: number; body: Record<string, unknown> } | undefined;

/**
 * Repeats `request` every 200 ms, for 30 s at most, until it answers 201 (what waits on an
 * event); the last answer either way, so a failure says what it was.
 */
async function until201(request: () => Promise<Answer>): Promise<Answer> {
  let last: Answer;
  const created = async () => ((last = await request())?.status === 201 ? last : undefined);
  return eventually(created, 30_000, 200).catch(() => last);
}
