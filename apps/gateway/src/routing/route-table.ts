/**
 * The public surface (spec section 2): which service answers a path, and what the caller's
 * token must carry to reach it. Anything not listed here is not reachable from outside.
 */
export type ServiceName =
  'oauth' | 'authorizations' | 'licensing' | 'users' | 'notifications' | 'webhooks' | 'audit';

/** Where a route leads: an API service, or the portal (a browser app with its own sessions). */
export type UpstreamName = ServiceName | 'portal';

export type RouteAuth =
  /** oauth authenticates clients itself; no bearer token is checked at the gateway. */
  | { kind: 'none' }
  /** A bearer token whose scopes include every one of `scopes`. */
  | { kind: 'bearer'; scopes: string[] }
  /** A user token whose user holds the `UserManagement` permission (`003_*`). */
  | { kind: 'user-permission'; scopes: string[]; permission: 'UserManagement' }
  /** A user token acting through a `User-Access` whose role is `role` (or `platform.admin`). */
  | { kind: 'context-role'; scopes: string[]; role: 'admin' };

export interface RouteRule {
  /** Matched against the path without query string. */
  pattern: RegExp;
  /** Methods it applies to; undefined means all. */
  methods?: string[];
  service: UpstreamName;
  auth: RouteAuth;
}

const none: RouteAuth = { kind: 'none' };
const bearer = (...scopes: string[]): RouteAuth => ({ kind: 'bearer', scopes });

/** First match wins: more specific rules come first. */
export const ROUTES: RouteRule[] = [
  // A context's own applications and their self-homologation (ADR 15 stage 2): its admins only.
  {
    pattern: /^\/auth\/oauth2\/context\//,
    service: 'oauth',
    auth: { kind: 'context-role', scopes: ['user-accounts.suite'], role: 'admin' },
  },
  {
    pattern: /^\/auth\/oauth2\/(clients|customers)(\/|$)/,
    service: 'oauth',
    auth: bearer('platform.admin'),
  },
  {
    pattern: /^\/auth\/oauth2\/(authorize|token|tokeninfo|revoke|introspect|jwks)\/?$/,
    service: 'oauth',
    auth: none,
  },
  // OpenID Connect: oauth checks userinfo's bearer token itself; logout is a browser page.
  { pattern: /^\/auth\/oauth2\/(userinfo|logout)\/?$/, service: 'oauth', auth: none },
  { pattern: /^\/\.well-known\//, service: 'oauth', auth: none },
  { pattern: /^\/servicelogin\//, service: 'oauth', auth: none },
  { pattern: /^\/auth\/?$/, methods: ['POST'], service: 'oauth', auth: none },
  {
    pattern: /^\/[^/]+\/users\/identifiers\/?$/,
    methods: ['POST'],
    service: 'oauth',
    auth: { kind: 'user-permission', scopes: [], permission: 'UserManagement' },
  },
  {
    pattern: /^\/user-accounts\/v0\.1\/api\//,
    service: 'authorizations',
    auth: bearer('user-accounts.suite'),
  },
  {
    pattern: /^\/licenses\/dados\/v0\.1\/api\//,
    service: 'licensing',
    auth: bearer('licenses.suite', 'suite.services'),
  },
  { pattern: /^\/licenses\/v0\.1\/api\//, service: 'licensing', auth: bearer('licenses.suite') },
  { pattern: /^\/usuarios\/v0\.1\/api\//, service: 'users', auth: bearer('users.suite') },
  {
    pattern: /^\/notifications\/api\//,
    service: 'notifications',
    auth: bearer('notifications.suite'),
  },
  { pattern: /^\/api\/v1\/webhooks(\/|$)/, service: 'webhooks', auth: bearer('webhooks.suite') },
  // The event types a subscriber can name (spec §9): types, not data, so no context.
  {
    pattern: /^\/api\/v1\/event-types\/?$/,
    methods: ['GET'],
    service: 'webhooks',
    auth: bearer('webhooks.suite'),
  },
  { pattern: /^\/audit\/v1\//, service: 'audit', auth: bearer('audit.read') },
  // The portal (spec §8) signs its users in itself; no bearer token reaches it (ADR 0015).
  { pattern: /^\/portal(\/|$)/, service: 'portal', auth: none },
];

export function matchRoute(method: string, path: string): RouteRule | undefined {
  return ROUTES.find(
    (r) => r.pattern.test(path) && (!r.methods || r.methods.includes(method.toUpperCase())),
  );
}
