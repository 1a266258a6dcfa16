import {
  AssertionVerifier,
  ASSERTION_HEADER,
  GATEWAY_SNAPSHOT_SCOPE,
  InternalAssertionVerifier,
  type Principal,
} from '@platform/auth';
import { GatewaySnapshotPaths } from '@platform/contracts';
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
  /** What the owners' snapshot routes serve (ADR 0013), by route; empty by default. */
  snapshots: Record<keyof typeof GatewaySnapshotPaths, unknown[]>;
  /** Snapshot requests, and whether their internal assertion verified. */
  snapshotRequests: { path: string; verified: boolean }[];
  close(): Promise<void>;
}

const SNAPSHOT_PAGE = 2;
const DOCUMENTED = {
  '/usuarios/v0.1/api/usuarios': { get: { responses: {} } },
  '/usuarios/v0.1/api/usuarios/{id}': { get: { responses: {} } },
};
const OWNER_OF = {
  revocations: 'oauth',
  disabledUsers: 'users',
  accesses: 'authorizations',
  clientLicenses: 'oauth',
  licenses: 'licensing',
  browserClients: 'oauth',
};

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
  const recording = {
    snapshots: {
      revocations: [],
      disabledUsers: [],
      accesses: [],
      clientLicenses: [],
      licenses: [],
      browserClients: [],
    },
    snapshotRequests: [],
  } as Pick<RecordingService, 'snapshots' | 'snapshotRequests'>;
  for (const [name, path] of Object.entries(GatewaySnapshotPaths)) {
    const key = name as keyof typeof GatewaySnapshotPaths;
    const internal = new InternalAssertionVerifier(assertionPublicKey, OWNER_OF[key]);
    app.get(path, async (req, reply) => {
      const principal = await internal
        .verify(String(req.headers[ASSERTION_HEADER]))
        .catch(() => undefined);
      const verified = principal?.scopes.includes(GATEWAY_SNAPSHOT_SCOPE) ?? false;
      recording.snapshotRequests.push({ path, verified });
      if (!verified) return reply.code(401).send({ error: 'no valid internal assertion' });
      // Pages of SNAPSHOT_PAGE whatever the gateway asks: it must follow `next` to the end.
      const from = Number((req.query as { after?: string }).after ?? 0);
      const items = recording.snapshots[key].slice(from, from + SNAPSHOT_PAGE);
      const next = from + SNAPSHOT_PAGE < recording.snapshots[key].length;
      return reply.send({ items, next: next ? String(from + SNAPSHOT_PAGE) : null });
    });
  }
  // The gateway composes the services' documents into its endpoint catalogue (ADR 16): two
  // operations of users, for endpoint-limited tokens; not a request worth recording.
  app.get('/openapi.json', async () => ({ openapi: '3.0.0', info: {}, paths: DOCUMENTED }));
  app.all('/*', async (req, reply) => {
    const assertion = req.headers[ASSERTION_HEADER];
    const principal =
      typeof assertion === 'string'
        ? await verifier.verify(assertion).catch(() => undefined)
        : undefined;
    // As AssertionGuard does: a reused assertion carries no request id (ADR 0020), the
    // x-request-id the gateway set says which request this is.
    if (principal && !principal.requestId)
      principal.requestId = String(req.headers['x-request-id']);
    seen.push({ url: req.url, headers: { ...req.headers }, principal });
    if (!principal) return reply.code(401).send({ error: 'no valid assertion' });
    return reply.send({ principal });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return Object.assign(recording, { url, seen, close: () => app.close() });
}
