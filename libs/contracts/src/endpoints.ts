/*
 * An endpoint a client access token may be limited to (`000_*`: "only requests to known
 * endpoints"; `004_*`: the endpoints to enable for the token): an HTTP method and a path template
 * exactly as the composed OpenAPI document (`/docs/openapi.json`) names the operation, e.g.
 * `GET /usuarios/v0.1/api/usuarios/{id}`.
 */

/** The JWT claim of an endpoint-limited access token: the endpoints it may reach. */
export const ENDPOINTS_CLAIM = 'endpoints';

/** At most this many endpoints per token: the list travels in every request's token. */
export const MAX_TOKEN_ENDPOINTS = 50;

/** `METHOD /path/{template}`: one space, an absolute path, no query or fragment. */
export const ENDPOINT_PATTERN = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/[^\s?#]*)$/;

/** The one spelling of an endpoint: `METHOD /path/{template}`. */
export const endpointKey = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path}`;
