import { createHash } from 'node:crypto';

/**
 * What makes two requests "the same" for one key: method, path with query, and the body as JSON
 * with object keys sorted (a client that re-serialises its body in another key order still
 * retries the same request). SHA-256, so the stored fingerprint holds nothing of the body.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body)}`)
    .digest('base64url');
}

/** JSON with every object's keys in sorted order; `undefined` (no body) is the empty text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
