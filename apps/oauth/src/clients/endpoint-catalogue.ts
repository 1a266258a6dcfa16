import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { endpointKey } from '@platform/contracts';
import { OauthEnv } from '../config';

type Json = Record<string, unknown>;

/** What a documented operation needs at the gateway. */
interface Operation {
  /** `false` for routes that take no bearer token (the token endpoint, login pages). */
  bearer: boolean;
  scopes: string[];
  /** A read-only call that needs nothing but a token: a GET without parameters to fill. */
  probe: boolean;
}

/** A read-only operation any token with its scopes can call as it is (self-homologation). */
export interface ReadProbe {
  endpoint: string;
  path: string;
  scopes: string[];
}

interface Catalogue {
  operations: Map<string, Operation>;
  /** Services whose documents the gateway could not fetch: their endpoints are not listed. */
  incomplete: boolean;
  at: number;
}

const FETCH_TIMEOUT_MS = 5_000;
/** Services change their documents only on deploy. */
const FRESH_MS = 5 * 60_000;
/** An unknown endpoint refetches the document, at most this often (a service just deployed). */
const REFETCH_AFTER_MS = 10_000;
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/**
 * The endpoints a client access token may be limited to (`000_*`, `004_*`): the operations of the
 * gateway's composed OpenAPI document, `GET ${GATEWAY_URL}/docs/openapi.json` — the same list the
 * gateway matches requests against, with the scopes each operation needs (`x-required-scopes`).
 * Read once and kept for five minutes, never per request; an endpoint not in it refetches the
 * document (at most every 10 s) before it is refused. See ADR 16.
 */
@Injectable()
export class EndpointCatalogue {
  private readonly logger = new Logger(EndpointCatalogue.name);
  private cached?: Catalogue;
  private loading?: Promise<Catalogue>;

  constructor(@Inject(OauthEnv) private readonly env: OauthEnv) {}

  /**
   * Checks every endpoint against the document and `scopes` (the token's): an unknown one, one
   * that takes no bearer token, or one needing a scope the token lacks is a 400 naming it.
   */
  async check(endpoints: string[], scopes: string[]): Promise<string[]> {
    let catalogue = await this.current();
    if (endpoints.some((e) => !catalogue.operations.has(e)) && this.stale(catalogue)) {
      catalogue = await this.load();
    }
    const problems = endpoints.flatMap((e) => problemOf(e, catalogue.operations.get(e), scopes));
    if (problems.length === 0) return [...new Set(endpoints)];
    if (catalogue.incomplete && problems.some((p) => p.unknown)) {
      throw new ServiceUnavailableException(
        'The API description is incomplete right now (a service is unavailable); retry shortly.',
      );
    }
    throw new BadRequestException({
      message: `endpoints: ${problems.map((p) => p.message).join('; ')}`,
      errors: [{ field: 'endpoints', messages: problems.map((p) => p.message) }],
    });
  }

  /**
   * The read-only operations that need only a bearer token — `GET`, no path or required
   * parameters, not an event stream — in path order: the calls the self-homologation makes with
   * an integrator's token (ADR 15 stage 2).
   */
  async readProbes(): Promise<ReadProbe[]> {
    const catalogue = await this.current();
    return [...catalogue.operations.entries()]
      .filter(([, op]) => op.bearer && op.probe)
      .map(([endpoint, op]) => ({
        endpoint,
        path: endpoint.slice('GET '.length),
        scopes: op.scopes,
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  private stale(c: Catalogue): boolean {
    return Date.now() - c.at >= REFETCH_AFTER_MS;
  }

  private async current(): Promise<Catalogue> {
    if (this.cached && Date.now() - this.cached.at < FRESH_MS) return this.cached;
    return this.load();
  }

  private load(): Promise<Catalogue> {
    this.loading ??= this.fetch().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async fetch(): Promise<Catalogue> {
    const url = `${this.env.gatewayUrl()}/docs/openapi.json`;
    let document: Json;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`answered ${res.status}`);
      document = (await res.json()) as Json;
    } catch (e) {
      this.logger.error(`cannot read ${url}: ${(e as Error).message}`);
      throw new ServiceUnavailableException(
        'The API description cannot be read right now; retry shortly.',
      );
    }
    this.cached = {
      operations: operationsOf(document),
      incomplete: Array.isArray(document['x-unavailable-services']),
      at: Date.now(),
    };
    return this.cached;
  }
}

interface Problem {
  message: string;
  unknown: boolean;
}

function problemOf(endpoint: string, op: Operation | undefined, scopes: string[]): Problem[] {
  if (!op) return [{ message: `${endpoint} is not an endpoint of the API`, unknown: true }];
  if (!op.bearer) return [{ message: `${endpoint} takes no bearer token`, unknown: false }];
  if (scopes.includes('platform.admin')) return [];
  const missing = op.scopes.filter((s) => !scopes.includes(s));
  return missing.length === 0
    ? []
    : [{ message: `${endpoint} needs the scopes ${missing.join(' ')}`, unknown: false }];
}

/** `METHOD /template` → what it needs, from the composed document's operations. */
function operationsOf(document: Json): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries((document['paths'] ?? {}) as Json)) {
    if (typeof item !== 'object' || item === null) continue;
    for (const [method, op] of Object.entries(item as Json)) {
      if (!METHODS.includes(method) || typeof op !== 'object' || op === null) continue;
      const o = op as Json;
      const security = Array.isArray(o['security']) ? o['security'] : [];
      const scopes = Array.isArray(o['x-required-scopes'])
        ? o['x-required-scopes'].map(String)
        : [];
      operations.set(endpointKey(method, path), {
        bearer: security.length > 0,
        scopes,
        probe: method === 'get' && isProbe(path, o),
      });
    }
  }
  return operations;
}

/** A GET that needs no parameter filled in and answers at once (not an event stream). */
function isProbe(path: string, op: Json): boolean {
  if (path.includes('{') || path.endsWith('/stream')) return false;
  const parameters = Array.isArray(op['parameters']) ? (op['parameters'] as Json[]) : [];
  if (parameters.some((p) => p['required'] === true)) return false;
  return !JSON.stringify(op['responses'] ?? {}).includes('text/event-stream');
}
