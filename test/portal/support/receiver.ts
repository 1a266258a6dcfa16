import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An integrator's webhook receiver on loopback: `POST /token` is its OAuth2 token endpoint
 * (client credentials with client_secret_basic, as the OAuth2 card sets it up), `POST /hooks`
 * takes deliveries and answers 200. Everything it receives is kept for the test to inspect.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly tokensIssued: string[] = [];
  private server?: Server;
  url = '';
  /** When set, deliveries whose Standard Webhooks signature does not verify get a 401. */
  private verifier?: Webhook;

  constructor(private readonly client: { id: string; secret: string }) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (path === '/token') return this.token(req.headers, res);
        this.received.push({ path, headers: req.headers, body });
        if (this.verifier && !this.verifies(body, req.headers)) {
          res.writeHead(401, { 'content-type': 'text/plain' }).end('bad signature');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('received, thanks');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** From now on, check signatures with this secret (as a careful receiver does). */
  checkSignaturesWith(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  private verifies(body: string, headers: IncomingHttpHeaders): boolean {
    try {
      this.verifier?.verify(body, headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  }

  deliveries(): Received[] {
    return this.received.filter((r) => r.path === '/hooks');
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private token(headers: IncomingHttpHeaders, res: import('node:http').ServerResponse): void {
    const expected = `Basic ${Buffer.from(`${this.client.id}:${this.client.secret}`).toString('base64')}`;
    if (headers['authorization'] !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
      return;
    }
    const token = `receiver-token-${this.tokensIssued.length + 1}`;
    this.tokensIssued.push(token);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 300 }));
  }
}
