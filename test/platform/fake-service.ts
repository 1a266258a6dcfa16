import Fastify, { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

/** What a fake service saw of the last request it answered. */
export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface FakeService {
  url: string;
  app: FastifyInstance;
  seen: Seen[];
  /** What its `/health/ready` answers. */
  readyStatus: number;
  close(): Promise<void>;
}

/**
 * A Fastify server standing in for a platform service behind the gateway: answers
 * `/health/ready`, `/openapi.json` and whatever routes the test adds, recording each request.
 */
export async function startFakeService(
  openapi: Record<string, unknown>,
  routes: (app: FastifyInstance, fake: FakeService) => void = () => undefined,
): Promise<FakeService> {
  const app = Fastify({ bodyLimit: 50 * 1024 * 1024 });
  const fake: FakeService = { url: '', app, seen: [], readyStatus: 200, close: () => app.close() };
  // Bodies arrive as a stream so a test can watch them stream in.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  app.get('/health/ready', async (_req, reply) =>
    reply.code(fake.readyStatus).send({ status: 'x' }),
  );
  app.get('/openapi.json', async () => openapi);
  // The owners' snapshot routes the gateway reads at boot (ADR 0013): nothing revoked here.
  app.get('/internal/v1/gateway/*', async () => ({ items: [], next: null }));
  routes(app, fake);
  await app.listen({ port: 0, host: '127.0.0.1' });
  fake.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return fake;
}

export async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (!stream) return Buffer.alloc(0);
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
