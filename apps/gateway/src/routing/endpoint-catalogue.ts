import { Logger } from '@nestjs/common';
import { endpointKey } from '@platform/contracts';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

type Json = Record<string, unknown>;

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** What a request resolves to: the operation's `METHOD /template`, or why there is none. */
export type Resolution =
  | { kind: 'operation'; endpoint: string }
  | { kind: 'unknown' }
  /** The catalogue is not loaded, or lacks the service the route belongs to: ask again soon. */
  | { kind: 'incomplete' };

/**
 * The operations of the composed OpenAPI document (`/docs/openapi.json`), compiled once into a
 * radix-tree router (find-my-way, Fastify's own), so the gateway can tell which documented
 * operation a request is — `GET /usuarios/v0.1/api/usuarios/{id}` — in one lookup, with no
 * I/O. A static segment wins over a parameter (`/licensing/validate` is not `/licensing/{id}`),
 * as in the services' own routers. Endpoint-limited client tokens are checked against it (ADR 16).
 */
export class EndpointCatalogue {
  private readonly logger = new Logger('EndpointCatalogue');
  private router?: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  private missing = new Set<string>();
  private source?: Json;
  private count = 0;

  /** Compiles `document` (the composed OpenAPI document) unless it is the one already compiled. */
  load(document: Json): void {
    if (document === this.source) return;
    const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
    let count = 0;
    for (const [template, item] of Object.entries((document['paths'] ?? {}) as Json)) {
      const route = toRouterPath(template);
      for (const method of METHODS) {
        if (!isObject(item) || !isObject(item[method.toLowerCase()])) continue;
        try {
          router.on(method, route, noop, endpointKey(method, template));
          count++;
        } catch (e) {
          this.logger.warn(`skipped ${method} ${template}: ${(e as Error).message}`);
        }
      }
    }
    const unavailable = document['x-unavailable-services'];
    this.missing = new Set(Array.isArray(unavailable) ? unavailable.map(String) : []);
    this.router = router;
    this.source = document;
    if (count !== this.count) this.logger.log(`${count} documented operations`);
    this.count = count;
  }

  get isComplete(): boolean {
    return this.router !== undefined && this.missing.size === 0;
  }

  /** The documented operation `method path` is, for a route answered by `service`. */
  resolve(method: string, path: string, service: string): Resolution {
    const found = this.router?.find(method as HTTPMethod, path);
    if (found) return { kind: 'operation', endpoint: found.store as string };
    if (!this.router || this.missing.has(service)) return { kind: 'incomplete' };
    return { kind: 'unknown' };
  }
}

/** `/a/{id}/b` → `/a/:p0/b`; a literal `:` is doubled (find-my-way's escape). */
function toRouterPath(template: string): string {
  let n = 0;
  return template.replace(/:/g, '::').replace(/\{[^}/]+\}/g, () => `:p${n++}`);
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

function noop(): void {
  // The router is asked which operation a path is; it never handles a request itself.
}
