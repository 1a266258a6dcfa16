import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppMetrics } from './app-metrics';

export const METRICS_PATH = '/metrics';

/** `GET /metrics` on the app's own port: the Prometheus text exposition of its registry. */
export function serveMetrics(fastify: FastifyInstance, metrics: AppMetrics): void {
  fastify.get(METRICS_PATH, async (_request, reply) => {
    const text = await metrics.scrape();
    return reply.type(metrics.contentType).send(text);
  });
}

export interface MetricsListenerOptions {
  host: string;
  port: number;
}

/**
 * `/metrics` on a listener of its own, for an app whose own port is public (the gateway): bound
 * to loopback unless configured otherwise, and answering nothing but `GET /metrics`.
 */
export class MetricsListener {
  private server?: Server;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly options: MetricsListenerOptions,
  ) {}

  /** Resolves to the URL it serves, once listening; rejects when the port cannot be bound. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404).end();
        return;
      }
      this.metrics.scrape().then(
        (text) => res.writeHead(200, { 'content-type': this.metrics.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port } = server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}${METRICS_PATH}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
