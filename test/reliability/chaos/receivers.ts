import { eventContextOf } from '@platform/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on loopback that remembers each delivery's action and data id. */
export class Receiver {
  /** `${action} ${data.id}` → how many times it arrived. */
  readonly seen = new Map<string, number>();
  /** `${action} ${data.id}` → the distinct `webhook-id`s (messages) it came in. */
  readonly messages = new Map<string, Set<string>>();
  /** `${path and query} ${action} ${data.id}`: what arrived at which URL (one per subscription). */
  readonly arrivals = new Set<string>();
  /**
   * `${action} ${data.id}` → the context its data names (`entity/database`, read as webhooks
   * reads it: `eventContextOf`), or `none`: what a context subscription may receive.
   */
  readonly contextOf = new Map<string, string>();
  /** `webhook-id` → how many times that message arrived. */
  readonly byMessage = new Map<string, number>();
  deliveries = 0;
  failed = 0;
  private server?: Server;
  port = 0;

  constructor(
    readonly name: string,
    /** The share of deliveries answered 500 (a flaky receiver). */
    private readonly failureRate = 0,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (Math.random() < this.failureRate) {
          this.failed++;
          res.writeHead(500).end();
          return;
        }
        this.deliveries++;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            action?: string;
            data?: { id?: string };
          };
          const messageId = String(req.headers['webhook-id']);
          this.byMessage.set(messageId, (this.byMessage.get(messageId) ?? 0) + 1);
          // Only events about one resource (a data.id) can be matched to the writes that made them.
          if (body.data?.id !== undefined) {
            const key = `${body.action} ${body.data.id}`;
            this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
            this.arrivals.add(`${req.url} ${key}`);
            const { entity, database } = eventContextOf(body.data);
            this.contextOf.set(key, entity && database ? `${entity}/${database}` : 'none');
            const ids = this.messages.get(key) ?? new Set<string>();
            ids.add(messageId);
            this.messages.set(key, ids);
          }
        } catch {
          // not a delivery we understand: still acknowledged
        }
        res.writeHead(204).end();
      });
    });
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((done) => this.server?.listen(this.port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Gone: connections refused until start() again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /**
   * Events that came as more than one message: the same event turned into two deliveries for one
   * subscription, i.e. processed twice by the webhooks consumer (a violation, unlike a resend).
   */
  duplicateMessages(): string[] {
    return [...this.messages]
      .filter(([, ids]) => ids.size > 1)
      .map(([key, ids]) => `${key} as ${[...ids].join(', ')}`);
  }

  /** Messages that arrived more than once (at-least-once resends: allowed, reported). */
  redeliveries(): number {
    let n = 0;
    for (const count of this.byMessage.values()) n += count - 1;
    return n;
  }
}
