import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LicenseLookup } from '@platform/contracts';

type Json = Record<string, unknown>;

/** A read-only operation of the fake API: its scopes and what it answers. */
export interface FakeOperation {
  path: string;
  scopes: string[];
  status: number;
  /** Marks it as needing a query parameter (not something a check can call as it is). */
  requiredQuery?: string;
}

/**
 * What oauth's self-homologation and endpoint checks talk to, in one loopback server: the
 * gateway's composed `/docs/openapi.json` and its routes (each answering a fixed status and
 * recording the bearer token it got), the token endpoint (relayed to oauth), and licensing's
 * internal license lookup.
 */
export class FakeGateway {
  readonly calls: { path: string; authorization?: string }[] = [];
  readonly licenses = new Map<string, LicenseLookup>();
  oauthBase = '';
  url = '';
  private server?: Server;

  constructor(private readonly operations: FakeOperation[]) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/auth/oauth2/token') return this.relayToken(req, res);
    if (path === '/docs/openapi.json') return send(res, 200, this.document());
    const license = /^\/internal\/v1\/licenses\/([^/]+)$/.exec(path);
    if (license) {
      const found = this.licenses.get(decodeURIComponent(license[1] ?? ''));
      return found ? send(res, 200, found) : send(res, 404, { title: 'Not Found' });
    }
    this.calls.push({ path, authorization: req.headers.authorization });
    const op = this.operations.find((o) => o.path === path);
    send(res, op?.status ?? 404, { path });
  }

  private async relayToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await fetch(`${this.oauthBase}/auth/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': req.headers['content-type'] ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  }

  private document(): Json {
    const paths: Json = {};
    for (const op of this.operations) {
      paths[op.path] = {
        get: {
          security: [{ bearer: [] }],
          'x-required-scopes': op.scopes,
          parameters: op.requiredQuery
            ? [{ name: op.requiredQuery, in: 'query', required: true }]
            : [],
          responses: { '200': { description: 'ok' } },
        },
      };
    }
    return { openapi: '3.0.0', paths };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
