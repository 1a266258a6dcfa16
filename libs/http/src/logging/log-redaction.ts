/**
 * Secrets that callers put in URLs and forms (RFC 6749 §4.1.2, §4.2.2, §10.3; `002_*`
 * `tokeninfo?access_token=`; `003_*` `?customerToken=` and the SSO link's `key`), kept out of
 * every log line while the rest of the URL stays readable: `access_token=[redacted]`.
 * pino's `redact` takes fixed object paths only, so the URL's query is rewritten here, in the
 * request serializer every app's logger shares.
 */
export const REDACTED = '[redacted]';

/** Parameter names, compared case-insensitively. */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'code',
  'code_verifier',
  'client_secret',
  'client_assertion',
  'assertion',
  'customertoken',
  'customer_token',
  'password',
  'token',
  'key',
  'secret',
]);

export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETERS.has(safeDecode(name).toLowerCase());
}

/** The URL with the value of every secret query or fragment parameter replaced. */
export function redactUrl(url: string): string {
  const start = url.search(/[?#]/);
  if (start < 0) return url;
  const parameters = url
    .slice(start)
    .replace(/([?#&;])([^=&#;]*)=([^&#;]*)/g, (pair, separator: string, name: string) =>
      isSecretParameter(name) ? `${separator}${name}=${REDACTED}` : pair,
    );
  return url.slice(0, start) + parameters;
}

/** A parsed query or form with the values of secret parameters replaced (a copy). */
export function redactParameters(parameters: unknown): unknown {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    return parameters;
  }
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters as Record<string, unknown>)) {
    copy[name] = isSecretParameter(name) ? REDACTED : value;
  }
  return copy;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
