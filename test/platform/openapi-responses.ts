import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { deref } from './openapi-completeness';

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 schemas as JSON Schema for ajv: `nullable` becomes a `null` alternative (the one
 * 3.0 keyword JSON Schema lacks that the document uses), `#/components/schemas/X` refs point at
 * the same definitions.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, example: _example, ...rest } = value as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(rest))
    out[k] =
      k === '$ref' && typeof v === 'string'
        ? v.replace('#/components/schemas/', '#/definitions/')
        : k === 'properties'
          ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s)]))
          : toJsonSchema(v);
  if (nullable !== true) return out;
  // A `type` beside `allOf` (how a nullable `$ref` is written) still has to let null through
  // the `allOf`: only a plain typed schema takes the short form.
  if (typeof out['type'] === 'string' && !('allOf' in out)) {
    const nullableOut: Json = { ...out, type: [out['type'], 'null'] };
    if (Array.isArray(out['enum'])) nullableOut['enum'] = [...(out['enum'] as unknown[]), null];
    return nullableOut;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

/** Checks a live answer against what the composed document says of that operation and status. */
export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Json) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    const schemas = ((doc['components'] as Json)['schemas'] ?? {}) as Json;
    this.ajv.addSchema({ $id: 'components', definitions: toJsonSchema(schemas) }, 'components');
  }

  /** Empty when `body` fits the documented schema for that operation, status and media type. */
  errors(method: string, path: string, res: Response, body: unknown): string[] {
    const paths = this.doc['paths'] as Record<string, Json>;
    const op = paths[path]?.[method.toLowerCase()] as Json | undefined;
    if (!op) return [`${method} ${path} is not documented`];
    const response = deref(this.doc, (op['responses'] as Json)[String(res.status)]);
    if (!response) return [`${method} ${path}: ${res.status} is not documented`];
    const mediaType = (res.headers.get('content-type') ?? '').replace(/;.*/, '').trim();
    const media = ((response['content'] ?? {}) as Record<string, Json>)[mediaType];
    if (!media) return [`${method} ${path}: ${res.status} ${mediaType} is not documented`];
    const key = `${method} ${path} ${res.status} ${mediaType}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(inComponents(toJsonSchema(media['schema'])) as Json);
      this.cache.set(key, validate);
    }
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath} ${e.message ?? ''}`);
  }
}

/** A response's schema refers to the shared definitions through the `components` schema's id. */
function inComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inComponents);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Json).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')
        ? `components${v}`
        : inComponents(v),
    ]),
  );
}
