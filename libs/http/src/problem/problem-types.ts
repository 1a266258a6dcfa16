/**
 * The platform's own problem types (RFC 9457 §3.1.1, §4): kinds of error a caller may act on
 * differently from the bare HTTP status. Each has a stable `type` URI and a stable `title`;
 * everything else stays `about:blank`, whose title is the status phrase (RFC 9457 §4.2.1).
 *
 * The URIs are relative references with the full path (`/docs/problems/<kind>`), as RFC 9457
 * §3.1.1 allows: the same string in every deployment, so a caller can compare it as is, and
 * resolved against the request's URL it is the gateway's page describing the kind. A service
 * does not need to know the public URL to name them. Listed in docs/problems.md and, with the
 * statuses they come with, in the composed OpenAPI document (`x-problem-types`).
 */
export const PROBLEM_TYPES_PATH = '/docs/problems/';

export interface ProblemKind {
  status: number;
  title: string;
  description: string;
}

export const PROBLEM_KINDS = {
  validation: {
    status: 400,
    title: 'The request is not valid',
    description:
      'A parameter, header or body field is missing or malformed. `errors` lists each bad field (`field`, a dotted path for nested ones) with its messages.',
  },
  'invalid-token': {
    status: 401,
    title: 'The access token is not valid',
    description:
      'The bearer token is malformed, expired, revoked (its client, secret or user changed), or not issued by this platform. `WWW-Authenticate` carries `error="invalid_token"` (RFC 6750 §3.1). Get a new token.',
  },
  'insufficient-scope': {
    status: 403,
    title: 'The token lacks a scope this endpoint needs',
    description:
      'The token\'s scopes do not include every scope the route needs; `WWW-Authenticate` names them (`error="insufficient_scope"`, RFC 6750 §3.1).',
  },
  'permission-required': {
    status: 403,
    title: "The token's user lacks a permission this endpoint needs",
    description:
      'The endpoint needs a user token (not a client-credentials one) whose user holds a permission, e.g. `UserManagement` for `/{customerId}/users/identifiers` (`003_*`).',
  },
  'invalid-user-access': {
    status: 403,
    title: 'The User-Access header names no access of this user',
    description:
      "`User-Access` must be the id of an active access granted to the token's user; the context it selects is the only one the request can see.",
  },
  'license-inactive': {
    status: 403,
    title: "The client's license is not valid",
    description:
      'The client is bound to a license that is not valid now. `license` names it and `reason` says why: `EXPIRED`, `REVOKED`, `NOT_YET_VALID` or `NOT_FOUND` (`code` is `license_inactive`).',
  },
  'endpoint-not-allowed': {
    status: 403,
    title: 'This token may not call this endpoint',
    description:
      'A client access token limited to named endpoints was used on another one (`code` is `endpoint_not_allowed`).',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests for this client',
    description:
      'The client used up its requests for the current window. Retry after `Retry-After` seconds; `RateLimit-Policy` and `RateLimit` describe the limit.',
  },
  'gateway-starting': {
    status: 503,
    title: 'The gateway is starting',
    description:
      'The gateway has not caught up with revocations yet and refuses bearer requests until it has (fail closed). Retry after `Retry-After` seconds.',
  },
  'idempotency-key-in-use': {
    status: 409,
    title: 'A request with this Idempotency-Key is still running',
    description:
      'The first request made with this key has not answered yet. Retry after `Retry-After` seconds: the retry gets its answer.',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'This Idempotency-Key was used for another request',
    description:
      'The key was first used with another route or body. Use a new key for a new request.',
  },
  'idempotency-outcome-unknown': {
    status: 409,
    title: 'The request first made with this Idempotency-Key was cut off',
    description:
      'It may or may not have taken effect: look the resource up before sending it again with a new key.',
  },
  'idempotency-answer-withheld': {
    status: 409,
    title: 'The answer to this Idempotency-Key is not kept',
    description:
      'The first request succeeded, but its answer held a secret and is not kept: look the resource up instead of creating it again.',
  },
} as const satisfies Record<string, ProblemKind>;

export type ProblemKindName = keyof typeof PROBLEM_KINDS;

export const problemTypeUri = (kind: ProblemKindName): string => `${PROBLEM_TYPES_PATH}${kind}`;

/** The kind a `type` URI names, if it is one of the platform's. */
export function problemKindOf(type: unknown): ProblemKindName | undefined {
  if (typeof type !== 'string' || !type.startsWith(PROBLEM_TYPES_PATH)) return undefined;
  const name = type.slice(PROBLEM_TYPES_PATH.length);
  return name in PROBLEM_KINDS ? (name as ProblemKindName) : undefined;
}

/**
 * The body of an HttpException that becomes a problem of this kind (`toProblem` keeps `type`
 * and extension members): `new ConflictException(problemBody('idempotency-key-in-use', '…'))`.
 */
export function problemBody(
  kind: ProblemKindName,
  detail: string,
  extensions: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...extensions, message: detail, type: problemTypeUri(kind) };
}
