import { stdSerializers } from 'pino';
import { redactParameters, redactUrl } from './log-redaction';

type Serialized = Record<string, unknown>;

/** Headers whose value is a URL that may carry a secret parameter. */
const URL_HEADERS = ['referer', 'location'];

/**
 * pino-http serializers for every app's logger (each receives the object pino's standard
 * serializer made): secret query and fragment parameters out of the request URL, its parsed
 * query, `Referer` and a redirect's `Location` (an authorization code or an implicit grant's
 * token); bound SQL parameters out of database errors (they can be credentials or personal data).
 */
export const logSerializers = {
  req: (req: Serialized): Serialized => ({
    ...req,
    url: typeof req['url'] === 'string' ? redactUrl(req['url']) : req['url'],
    query: redactParameters(req['query']),
    headers: withRedactedUrls(req['headers']),
  }),
  res: (res: Serialized): Serialized => ({ ...res, headers: withRedactedUrls(res['headers']) }),
  // pino-http hands over pino's serialization of the error; a bare pino logger the Error itself.
  err: (err: Serialized | Error): Serialized =>
    withoutBoundParameters(err instanceof Error ? stdSerializers.err(err) : err),
};

function withRedactedUrls(headers: unknown): unknown {
  if (headers === null || typeof headers !== 'object') return headers;
  const copy = { ...(headers as Serialized) };
  for (const name of URL_HEADERS) {
    const value = copy[name];
    if (typeof value === 'string') copy[name] = redactUrl(value);
  }
  return copy;
}

/** TypeORM's QueryFailedError carries `parameters`; the pg error under `driverError` may too. */
function withoutBoundParameters(err: Serialized): Serialized {
  if (err === null || typeof err !== 'object') return err;
  const { parameters: _parameters, driverError, ...rest } = err;
  if (driverError && typeof driverError === 'object') {
    const { parameters: _inner, ...driver } = driverError as Serialized;
    return { ...rest, driverError: driver };
  }
  return driverError === undefined ? rest : { ...rest, driverError };
}
