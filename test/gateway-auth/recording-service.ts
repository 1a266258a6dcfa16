import { AssertionVerifier, ASSERTION_HEADER, type Principal } from '@platform/auth';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  url: string;
  headers: IncomingHttpHeaders;
  /** What the service learned from the gateway's assertion; undefined when it did not verify. */
  principal?: Principal;
}

export interface RecordingService {
  url: string;
  seen: Recorded[];
  close(): Promise<void>;
}

/**
 * A service behind the gateway that records every inbound request's headers and, as a real
 * service would, verifies the gateway assertion (AssertionVerifier, audience = `service`).
 */
export async function startRecordingService(
  service: string,
  assertionPublicKey: string,
): Promise<RecordingService> {
  const verifier = new AssertionVerifier(assertionPublicKey, service);
  const app: FastifyInstance = Fastify();
  const seen: Recorded[] = [];
  app.all('/*', async (req, reply) => {
    const assertion = req.headers[ASSERTION_HEADER];
    const principal =
      typeof assertion === 'string'
        ? await verifier.verify(assertion).catch(() => undefined)
        : undefined;
    seen.push({ url: req.url, headers: { ...req.headers }, principal });
    if (!principal) return reply.code(401).send({ error: 'no valid assertion' });
    return reply.send({ principal });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, seen, close: () => app.close() };
}
