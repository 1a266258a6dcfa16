import { problemSchemas, problemTypesList } from '@platform/http';
import { matchRoute, type ServiceName } from '../routing/route-table';
import {
  gatewayResponses,
  securedOperation,
  securitySchemes,
  USER_ACCESS_PARAMETER,
  userAccessParameter,
} from './gateway-security';

type Json = Record<string, unknown>;

export interface ServiceDocument {
  service: ServiceName;
  document: Json;
}

export interface ComposeOptions {
  publicUrl: string;
  version: string;
  /** Services whose document could not be fetched; named in the result. */
  unavailable: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const DESCRIPTION = [
  'The platform’s APIs as callers reach them, through the gateway.',
  '',
  '- **Tokens**: `Authorization: Bearer <token>` from `/auth/oauth2/token` (the `oauth2` scheme lists the flows and every scope); each operation names the scopes it needs (`x-required-scopes`).',
  '- **Context**: `User-Access: <access id>` picks the entity and database a request acts in.',
  '- **Errors**: RFC 9457 problems (`application/problem+json`); `x-problem-types` lists the platform’s own kinds. The OAuth endpoints answer RFC 6749 errors instead.',
  '- **Creates** take an `Idempotency-Key`; lists take `limit`, `offset`, `sort` and `filter`.',
].join('\n');

/**
 * One OpenAPI document for the whole platform, as callers see it through the gateway: only the
 * operations the route table exposes, each marked with the token it needs; components merged,
 * a name two services define differently is prefixed with the service's name.
 */
export function composeOpenApi(documents: ServiceDocument[], options: ComposeOptions): Json {
  const paths: Record<string, Json> = {};
  // The platform's problem schemas come first: the gateway's own responses point at them, and a
  // service that defined a `Problem` of its own would have it renamed, not take the name.
  const components: Record<string, Json> = { schemas: problemSchemas() };
  const tags = new Map<string, Json>();
  for (const { service, document } of documents) {
    const renamed = renameComponents(document, service, components);
    addPaths(paths, service, (renamed['paths'] ?? {}) as Record<string, Json>);
    for (const tag of (renamed['tags'] ?? []) as Json[]) tags.set(String(tag['name']), tag);
  }
  components['responses'] = { ...components['responses'], ...gatewayResponses() };
  components['parameters'] = {
    ...components['parameters'],
    [USER_ACCESS_PARAMETER]: userAccessParameter(),
  };
  components['securitySchemes'] = securitySchemes(options.publicUrl);
  return {
    openapi: '3.0.3',
    info: { title: 'Integration platform', version: options.version, description: DESCRIPTION },
    servers: [{ url: options.publicUrl }],
    tags: [...tags.values()],
    paths,
    components,
    'x-problem-types': problemTypesList(),
    ...(options.unavailable.length > 0 ? { 'x-unavailable-services': options.unavailable } : {}),
  };
}

/**
 * Adds the service's components to `into` and returns its document with `$ref`s pointing at
 * their final names. Identical definitions are shared; security schemes are the gateway's own.
 */
function renameComponents(document: Json, service: string, into: Record<string, Json>): Json {
  const own = (document['components'] ?? {}) as Record<string, Json>;
  const refs = new Map<string, string>();
  for (const [kind, entries] of Object.entries(own)) {
    if (kind === 'securitySchemes') continue;
    const target = (into[kind] ??= {});
    for (const name of Object.keys(entries)) {
      const final = freeName(target, name, entries[name], service);
      if (final !== name) refs.set(`#/components/${kind}/${name}`, `#/components/${kind}/${final}`);
    }
  }
  const rewritten = rewriteRefs(document, refs) as Json;
  const components = (rewritten['components'] ?? {}) as Record<string, Json>;
  for (const [kind, entries] of Object.entries(components)) {
    if (kind === 'securitySchemes') continue;
    const target = (into[kind] ??= {});
    for (const [name, value] of Object.entries(entries)) {
      const final = refs.get(`#/components/${kind}/${name}`)?.split('/').pop() ?? name;
      target[final] = value;
    }
  }
  return rewritten;
}

function freeName(taken: Json, name: string, value: unknown, service: string): string {
  if (!(name in taken) || sameJson(taken[name], value)) return name;
  const prefix = service.charAt(0).toUpperCase() + service.slice(1);
  let candidate = `${prefix}${name}`;
  for (let i = 2; candidate in taken; i++) candidate = `${prefix}${name}${i}`;
  return candidate;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function rewriteRefs(value: unknown, refs: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    out[k] = k === '$ref' && typeof v === 'string' ? (refs.get(v) ?? v) : rewriteRefs(v, refs);
  }
  return out;
}

/** Keeps the operations a caller can reach through the gateway, with the security they need. */
function addPaths(
  into: Record<string, Json>,
  service: ServiceName,
  paths: Record<string, Json>,
): void {
  for (const [path, item] of Object.entries(paths)) {
    const concrete = path.replace(/\{[^}]+\}/g, 'x');
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const route = matchRoute(method, concrete);
      if (!route || route.service !== service) continue;
      (into[path] ??= {})[method] = securedOperation(operation as Json, route.auth);
    }
    // Path-level fields (shared parameters, summary) go with the operations that were kept.
    const kept = into[path];
    if (!kept) continue;
    for (const [key, value] of Object.entries(item))
      if (!METHODS.includes(key)) kept[key] ??= value;
  }
}
