/**
 * The API reference's own OAuth client (`GET /docs`): oauth registers it at boot, the gateway's
 * Swagger UI signs in with it. Public (a browser page keeps no secret), so authorization code
 * with PKCE only, no refresh tokens; a user signs in and the token acts for that user only (a
 * `browser` client, never `anonymous`); its one redirect URI is Swagger UI's redirect page under
 * PUBLIC_URL. Least privilege: the domain scopes a signed-in user works with, not
 * `platform.admin`, `suite.services` or `audit.read` — an administrator tries those operations
 * with a client-credentials token of their own confidential client.
 */
export const DOCS_CLIENT_ID = 'platform-docs';

export const DOCS_CLIENT_SCOPES = [
  'user-accounts.suite',
  'licenses.suite',
  'users.suite',
  'notifications.suite',
  'webhooks.suite',
] as const;

/** Swagger UI's page that hands the authorization code back to the reference (swagger-ui-dist). */
export const DOCS_REDIRECT_PATH = '/docs/assets/oauth2-redirect.html';
