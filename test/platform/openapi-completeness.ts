/**
 * What a complete composed OpenAPI document has (the "operable and standard" issue, item 3),
 * as a list of what is missing: every operation with its success schema and the problem
 * responses its shape calls for, every schema property typed, the oauth2 scheme with its flows
 * and described scopes, and the platform's problem types.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const PROBLEM = 'application/problem+json';
const CHANGES_STATE = new Set(['post', 'put', 'patch', 'delete']);
/** Types a platform problem may have besides `about:blank` (docs/problems.md). */
export const REQUIRED_PROBLEM_TYPES = [
  '/docs/problems/validation',
  '/docs/problems/license-inactive',
  '/docs/problems/endpoint-not-allowed',
  '/docs/problems/insufficient-scope',
  '/docs/problems/rate-limited',
];

export interface Operation {
  key: string;
  path: string;
  method: string;
  op: Json;
  item: Json;
}

export function operationsOf(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((doc['paths'] ?? {}) as Record<string, Json>))
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) out.push({ key: `${method.toUpperCase()} ${path}`, path, method, op, item });
    }
  return out;
}

/** Follows local `$ref`s (`#/components/...`) to what they name. */
export function deref(doc: Json, value: unknown): Json | undefined {
  let v = value as Json | undefined;
  for (let i = 0; v && typeof v['$ref'] === 'string' && i < 10; i++) {
    const parts = (v['$ref'] as string).replace(/^#\//, '').split('/');
    v = parts.reduce<unknown>((o, k) => (o as Json | undefined)?.[k], doc) as Json | undefined;
  }
  return v;
}

function meaningful(doc: Json, schema: unknown): boolean {
  const s = deref(doc, schema);
  if (!s) return false;
  if (s['type'] === 'array') return meaningful(doc, s['items']);
  if (s['type'] === 'string' || s['allOf'] || s['oneOf'] || s['anyOf']) return true;
  return s['properties'] !== undefined || s['additionalProperties'] !== undefined;
}

function successProblems(doc: Json, o: Operation): string[] {
  const responses = (o.op['responses'] ?? {}) as Json;
  const codes = Object.keys(responses);
  if (!codes.some((c) => /^[23]/.test(c))) return [`${o.key}: no success response`];
  return codes
    .filter((c) => /^2/.test(c) && c !== '204')
    .flatMap((c) => {
      const content = (deref(doc, responses[c])?.['content'] ?? {}) as Record<string, Json>;
      const schemas = Object.values(content).map((m) => m['schema']);
      if (schemas.length === 0) return [`${o.key}: ${c} has no body schema`];
      return schemas.every((s) => meaningful(doc, s)) ? [] : [`${o.key}: ${c} schema says nothing`];
    });
}

/** The problem statuses an operation's shape calls for, as the issue lists them. */
function expectedProblems(o: Operation): number[] {
  const params = [
    ...((o.item['parameters'] ?? []) as Json[]),
    ...((o.op['parameters'] ?? []) as Json[]),
  ];
  const body = o.op['requestBody'] !== undefined;
  const guarded = ((o.op['security'] ?? []) as unknown[]).length > 0;
  const oauthErrors = !guarded && o.path.startsWith('/auth');
  const statuses: number[] = [];
  if (guarded) statuses.push(401, 403, 429);
  if (oauthErrors) return body ? [413] : [];
  if (body || params.some((p) => !('$ref' in p) && p['in'] !== 'header')) statuses.push(400);
  if (o.path.includes('{')) statuses.push(404);
  if (CHANGES_STATE.has(o.method)) statuses.push(409);
  if (body) statuses.push(413);
  return statuses;
}

function problemResponseProblems(doc: Json, o: Operation): string[] {
  const responses = (o.op['responses'] ?? {}) as Json;
  return expectedProblems(o).flatMap((status) => {
    const response = deref(doc, responses[String(status)]);
    const content = (response?.['content'] ?? {}) as Record<string, Json>;
    if (!content[PROBLEM]) return [`${o.key}: no ${status} problem response`];
    const schema = deref(doc, content[PROBLEM]['schema']);
    const props = (schema?.['properties'] ?? {}) as Json;
    if (!props['type'] || !props['title'] || !props['status'])
      return [`${o.key}: ${status} is not an RFC 9457 problem`];
    if (status === 400 && !(props['errors'] as Json | undefined))
      return [`${o.key}: 400 lists no field errors`];
    return [];
  });
}

function untypedProperties(doc: Json): string[] {
  const found: string[] = [];
  const walk = (where: string, schema: Json | undefined): void => {
    for (const [name, value] of Object.entries(
      (schema?.['properties'] ?? {}) as Record<string, Json>,
    )) {
      const typed =
        value['type'] || value['$ref'] || value['allOf'] || value['oneOf'] || value['anyOf'];
      if (!typed) found.push(`schema ${where}.${name} has no type`);
      walk(`${where}.${name}`, value);
      if (value['items']) walk(`${where}.${name}[]`, value['items'] as Json);
    }
  };
  const schemas = ((doc['components'] as Json | undefined)?.['schemas'] ?? {}) as Record<
    string,
    Json
  >;
  for (const [name, schema] of Object.entries(schemas)) walk(name, schema);
  return found;
}

function securityProblems(doc: Json, operations: Operation[]): string[] {
  const schemes = ((doc['components'] as Json | undefined)?.['securitySchemes'] ?? {}) as Json;
  const oauth2 = schemes['oauth2'] as Json | undefined;
  const flows = (oauth2?.['flows'] ?? {}) as Record<string, Json>;
  const problems: string[] = [];
  if (oauth2?.['type'] !== 'oauth2') return ['no oauth2 security scheme'];
  const code = flows['authorizationCode'];
  if (!code?.['authorizationUrl'] || !code['tokenUrl'])
    problems.push('oauth2: no authorization code flow');
  if (!flows['clientCredentials']?.['tokenUrl'])
    problems.push('oauth2: no client credentials flow');
  for (const o of operations) {
    const needed = (o.op['x-required-scopes'] ?? []) as string[];
    const security = (o.op['security'] ?? []) as Json[];
    if (security.length === 0) continue;
    const viaOauth2 = security.find((s) => 'oauth2' in s)?.['oauth2'] as string[] | undefined;
    if (!viaOauth2 || needed.some((s) => !viaOauth2.includes(s)))
      problems.push(`${o.key}: oauth2 security without its scopes`);
    for (const [name, flow] of Object.entries(flows)) {
      const scopes = (flow['scopes'] ?? {}) as Record<string, unknown>;
      for (const s of needed)
        if (typeof scopes[s] !== 'string' || scopes[s] === '')
          problems.push(`oauth2 ${name}: scope ${s} not described`);
    }
    const params = (o.op['parameters'] ?? []) as Json[];
    if (!params.some((p) => deref(doc, p)?.['name'] === 'User-Access'))
      problems.push(`${o.key}: no User-Access header`);
  }
  return [...new Set(problems)];
}

function problemTypeProblems(doc: Json): string[] {
  const listed = ((doc['x-problem-types'] ?? []) as Json[]).map((t) => t['type']);
  return REQUIRED_PROBLEM_TYPES.filter((t) => !listed.includes(t)).map(
    (t) => `x-problem-types lacks ${t}`,
  );
}

/** Everything the document lacks; empty when it is complete. */
export function incompleteness(doc: Json): string[] {
  const operations = operationsOf(doc);
  return [
    ...(doc['x-unavailable-services'] ? ['some services are missing from the document'] : []),
    ...operations.flatMap((o) => successProblems(doc, o)),
    ...operations.flatMap((o) => problemResponseProblems(doc, o)),
    ...untypedProperties(doc),
    ...securityProblems(doc, operations),
    ...problemTypeProblems(doc),
  ];
}
