import { addProblem, problemContent } from '@platform/http';
import type { RouteAuth } from '../routing/route-table';
import { OIDC_SCOPES, SCOPE_DESCRIPTIONS } from './scopes';

type Json = Record<string, unknown>;

const OAUTH2_SCHEME = 'oauth2';
const BEARER_SCHEME = 'bearer';
export const USER_ACCESS_PARAMETER = 'UserAccess';

const apiScopes = (): Json =>
  Object.fromEntries(
    Object.entries(SCOPE_DESCRIPTIONS).filter(([scope]) => !OIDC_SCOPES.includes(scope)),
  );

/**
 * How a caller gets a token (spec §3): the platform's own OAuth server, through the gateway. The
 * authorization-code flow is the one the browsable reference uses (PKCE, the `platform-docs`
 * client); client credentials and password take a client of the caller's own.
 */
export function securitySchemes(publicUrl: string): Json {
  const tokenUrl = `${publicUrl}/auth/oauth2/token`;
  return {
    [OAUTH2_SCHEME]: {
      type: 'oauth2',
      description:
        'Access tokens from the platform’s OAuth 2.0 server. Authorization code needs PKCE (S256) for public clients; the password grant is for `password` clients only. A token reaches only the operations whose scopes it holds (`x-required-scopes`).',
      flows: {
        authorizationCode: {
          authorizationUrl: `${publicUrl}/auth/oauth2/authorize`,
          tokenUrl,
          refreshUrl: tokenUrl,
          scopes: { ...SCOPE_DESCRIPTIONS },
        },
        clientCredentials: { tokenUrl, refreshUrl: tokenUrl, scopes: apiScopes() },
        password: { tokenUrl, refreshUrl: tokenUrl, scopes: apiScopes() },
      },
    },
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'An access token from /auth/oauth2/token (or a client access token), pasted as is. Callers treat it as opaque.',
    },
  };
}

/** `User-Access` (spec §2): the context a request acts in. */
export const userAccessParameter = (): Json => ({
  name: 'User-Access',
  in: 'header',
  required: false,
  description:
    'The id of an active access of the token’s user (`GET /user-accounts/v0.1/api/suite/users/@me/access`): the request acts in that access’s context (entity and database) and sees nothing of any other. Another user’s, a revoked or an unknown id is a 403 (`invalid-user-access`). `platform.admin` may act without it.',
  schema: { type: 'string', format: 'uuid' },
});

/** What the gateway itself answers on a route that needs a token, before any service. */
const GATEWAY_RESPONSES: Record<number, { name: string; description: string }> = {
  401: {
    name: 'GatewayUnauthorized',
    description:
      'No bearer token (`about:blank`, with a `WWW-Authenticate: Bearer` challenge), or one that is not valid (`invalid-token`).',
  },
  403: {
    name: 'GatewayForbidden',
    description:
      'The token lacks a scope (`insufficient-scope`) or this endpoint (`endpoint-not-allowed`), its client’s license is not valid (`license-inactive`), a permission is missing (`permission-required`), `User-Access` is not the caller’s (`invalid-user-access`) — or the service refuses the caller.',
  },
  429: {
    name: 'GatewayTooManyRequests',
    description:
      'The client exceeded its rate limit (`rate-limited`): see `Retry-After` and the `RateLimit` fields.',
  },
  503: {
    name: 'GatewayStarting',
    description:
      'The gateway is catching up with revocations after a start (`gateway-starting`): retry after `Retry-After`.',
  },
};

export function gatewayResponses(): Json {
  return Object.fromEntries(
    Object.values(GATEWAY_RESPONSES).map(({ name, description }) => [
      name,
      { description, content: problemContent() },
    ]),
  );
}

/**
 * An operation as callers see it through the gateway: the token it needs (the route table's
 * scopes), `User-Access`, and the gateway's refusals. A service that documents one of those
 * statuses with its own body keeps it, with the problem as a second media type.
 */
export function securedOperation(operation: Json, auth: RouteAuth): Json {
  if (auth.kind === 'none') return { ...operation, security: [] };
  const responses = { ...((operation['responses'] ?? {}) as Json) };
  for (const [status, { name }] of Object.entries(GATEWAY_RESPONSES)) {
    if (responses[status]) addProblem(responses, Number(status));
    else responses[status] = { $ref: `#/components/responses/${name}` };
  }
  const parameters = [
    ...((operation['parameters'] ?? []) as Json[]),
    { $ref: `#/components/parameters/${USER_ACCESS_PARAMETER}` },
  ];
  return {
    ...operation,
    parameters,
    responses,
    security: [{ [OAUTH2_SCHEME]: auth.scopes }, { [BEARER_SCHEME]: [] }],
    'x-required-scopes': auth.scopes,
    ...(auth.kind === 'user-permission' ? { 'x-required-permission': auth.permission } : {}),
  };
}
