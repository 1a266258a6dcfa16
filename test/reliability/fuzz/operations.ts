/** One operation of the composed OpenAPI document, with what a fuzzer needs to know of it. */
export interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  /** Top-level fields of a JSON request body, when one is documented. */
  bodyFields: string[];
  /** Fields of a form body (the OAuth endpoints). */
  formFields: string[];
  hasBody: boolean;
}

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of `doc`, in document order. */
export function operationsOf(doc: Json): Operation[] {
  const operations: Operation[] = [];
  const paths = (doc['paths'] ?? {}) as Record<string, Json>;
  for (const [template, item] of Object.entries(paths)) {
    const shared = (item['parameters'] ?? []) as Json[];
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const params = [...shared, ...((op['parameters'] ?? []) as Json[])].map((p) => deref(doc, p));
      const content = (deref(doc, (op['requestBody'] ?? {}) as Json)['content'] ?? {}) as Record<
        string,
        Json
      >;
      const json = content['application/json']?.['schema'] as Json | undefined;
      const form = content['application/x-www-form-urlencoded']?.['schema'] as Json | undefined;
      operations.push({
        method: method.toUpperCase(),
        template,
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        queryParams: params.filter((p) => p['in'] === 'query').map((p) => String(p['name'])),
        bodyFields: json ? fieldsOf(doc, json) : [],
        formFields: form ? fieldsOf(doc, form) : [],
        hasBody: Object.keys(content).length > 0,
      });
    }
  }
  return operations;
}

function fieldsOf(doc: Json, schema: Json): string[] {
  const resolved = deref(doc, schema);
  const own = Object.keys((resolved['properties'] ?? {}) as Json);
  const composed = ['allOf', 'oneOf', 'anyOf'].flatMap((k) =>
    ((resolved[k] ?? []) as Json[]).flatMap((s) => fieldsOf(doc, s)),
  );
  return [...new Set([...own, ...composed])];
}

function deref(doc: Json, node: Json): Json {
  let current = node;
  for (let i = 0; i < 10 && typeof current['$ref'] === 'string'; i++) {
    const path = (current['$ref'] as string).replace(/^#\//, '').split('/');
    current = path.reduce<Json>((n, key) => (n[key] ?? {}) as Json, doc);
  }
  return current;
}
