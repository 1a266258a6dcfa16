/**
 * What each scope lets a token reach (spec §2's route table, `routing/route-table.ts`), for the
 * composed document's `oauth2` security scheme; OpenID Connect's own scopes for sign-ins.
 * `scopes.spec.ts` checks that every scope the route table asks for is described here.
 */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  'platform.admin':
    'Administer the platform (clients, customers, entities, licenses, users) and act in any context without User-Access. Kept in a user token only for platform administrators.',
  'user-accounts.suite': 'Accesses and access requests (`/user-accounts/v0.1/api`).',
  'licenses.suite': 'Entities, databases, systems and licenses (`/licenses/v0.1/api`).',
  'suite.services': 'With `licenses.suite`: the entity data source (`/licenses/dados/v0.1/api`).',
  'users.suite': 'The user directory and photos (`/usuarios/v0.1/api`).',
  'notifications.suite': 'Notifications and their live stream (`/notifications/api`).',
  'webhooks.suite': 'Webhook subscriptions, deliveries and event types (`/api/v1/webhooks`).',
  'audit.read': 'The audit trail (`/audit/v1`).',
  openid: 'OpenID Connect sign-in (authorization code): an ID token, and userinfo.',
  profile: 'With `openid`: the user’s name and login from userinfo.',
  email: 'With `openid`: the user’s email from userinfo.',
};

/** OpenID Connect scopes: only a user's sign-in (authorization code) can carry them. */
export const OIDC_SCOPES = ['openid', 'profile', 'email'];
