import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { AssertionVerifier, ASSERTION_HEADER } from '@platform/auth';

export interface FakeUser {
  id: string;
  password: string;
  name?: string;
  status?: 'active' | 'disabled';
  platformAdmin?: boolean;
  permissions?: string[];
}

/**
 * A stand-in for the `users` service's internal routes, implementing the users/oauth contract
 * (assertion audience `users`, scope `internal.credentials`). It also counts calls, so tests can
 * see that oauth really asked.
 */
export async function startFakeUsers(
  users: FakeUser[],
  assertionPublicKey: string,
): Promise<{ url: string; calls: string[]; stop(): Promise<void> }> {
  const verifier = new AssertionVerifier(assertionPublicKey, 'users');
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, { title: 'error' }));
  });
  const view = (u: FakeUser): object => ({
    id: u.id,
    name: u.name ?? u.id,
    email: `${u.id}@example.test`,
    status: u.status ?? 'active',
    platformAdmin: u.platformAdmin ?? false,
    permissions: u.permissions ?? [],
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    calls.push(`${req.method} ${req.url}`);
    const principal = await verifier
      .verify(String(req.headers[ASSERTION_HEADER] ?? ''))
      .catch(() => undefined);
    if (!principal?.scopes.includes('internal.credentials'))
      return send(res, 401, { title: 'Unauthorized' });
    if (req.method === 'POST' && req.url === '/internal/v1/credentials/verify') {
      const body = JSON.parse(await read(req)) as { login: string; password: string };
      const user = users.find((u) => u.id === body.login && u.password === body.password);
      if (!user) return send(res, 401, { title: 'Unauthorized', detail: 'invalid credentials' });
      if (user.status === 'disabled')
        return send(res, 403, { title: 'Forbidden', detail: 'user disabled' });
      return send(res, 200, view(user));
    }
    const m = /^\/internal\/v1\/users\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && m?.[1]) {
      const user = users.find((u) => u.id === decodeURIComponent(m[1] ?? ''));
      return user ? send(res, 200, view(user)) : send(res, 404, { title: 'Not Found' });
    }
    send(res, 404, { title: 'Not Found' });
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, {
    'content-type': status === 200 ? 'application/json' : 'application/problem+json',
  });
  res.end(JSON.stringify(body));
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => ok(data));
    req.on('error', fail);
  });
}
