// The platform's apps as `npm start` runs them (spec §1 table; the list is services.json): name,
// default port, the variable that overrides the port, and what each needs beyond the common
// environment. The portal is the web console's backend-for-frontend (spec §8), at /portal.
import { createRequire } from 'node:module';

const apps = createRequire(import.meta.url)('./services.json');

export const SERVICES = apps.services;

export const GATEWAY = apps.gateway;

const portVar = (name) => `${name.toUpperCase()}_PORT`;
const urlVar = (name) => `${name.toUpperCase()}_URL`;

function parsePort(value, variable) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), got "${value}"`);
  }
  return port;
}

/** Each app's port: PORT for the gateway, <APP>_PORT (e.g. OAUTH_PORT) for a service. */
export function portsFrom(env) {
  const ports = { gateway: env.PORT ? parsePort(env.PORT, 'PORT') : GATEWAY.port };
  for (const s of SERVICES) {
    const v = env[portVar(s.name)];
    ports[s.name] = v ? parsePort(v, portVar(s.name)) : s.port;
  }
  return ports;
}

/**
 * OAUTH_URL … PORTAL_URL: where the gateway (and oauth, for users and licensing) reach each
 * service; GATEWAY_URL: where the portal reaches the gateway, and where oauth reads the composed
 * OpenAPI document (endpoint-limited tokens).
 */
export function serviceUrls(ports) {
  return {
    ...Object.fromEntries(
      SERVICES.map((s) => [urlVar(s.name), `http://127.0.0.1:${ports[s.name]}`]),
    ),
    GATEWAY_URL: `http://127.0.0.1:${ports.gateway}`,
  };
}

/** The environment one service boots with. */
export function serviceEnv(service, { base, port, databaseUrl, secrets, publicUrl, urls }) {
  const env = {
    ...base,
    ...urls,
    PORT: String(port),
    // Services are reached only through the gateway (or directly by the operator) on loopback.
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: publicUrl,
    ASSERTION_PUBLIC_KEY: secrets.assertion.publicKey,
  };
  if (service.signsAssertions) {
    env.ASSERTION_PRIVATE_KEY = secrets.assertion.privateKey;
    env.OAUTH_KEY_ENCRYPTION_KEY = secrets.oauthKeyEncryptionKey;
  }
  // Without a stable key, subscription secrets stored on one boot could not be read on the next.
  if (service.encryptsSecrets) env.WEBHOOKS_ENCRYPTION_KEY = secrets.webhooksEncryptionKey;
  // Likewise, records signed on one boot must verify on the next.
  if (service.signsAuditChain) env.AUDIT_CHAIN_KEY = secrets.auditChainKey;
  if (service.bootstrap) Object.assign(env, bootstrapEnv(secrets));
  // oauth registers the portal's client; the portal signs in with it and seals its sessions.
  if (service.name === 'oauth' || service.portal) {
    env.PORTAL_CLIENT_ID = secrets.portal.clientId;
    env.PORTAL_CLIENT_SECRET = secrets.portal.clientSecret;
  }
  if (service.portal) env.PORTAL_SESSION_KEY = secrets.portal.sessionKey;
  return env;
}

function bootstrapEnv(secrets) {
  const env = {};
  if (secrets.client?.id) env.BOOTSTRAP_CLIENT_ID = secrets.client.id;
  if (secrets.client?.secret) env.BOOTSTRAP_CLIENT_SECRET = secrets.client.secret;
  if (secrets.admin?.login) env.BOOTSTRAP_ADMIN_LOGIN = secrets.admin.login;
  if (secrets.admin?.password) env.BOOTSTRAP_ADMIN_PASSWORD = secrets.admin.password;
  return env;
}

/** The gateway's environment: where every service listens, the key it signs with, its database. */
export function gatewayEnv({ base, port, secrets, publicUrl, urls, databaseUrl }) {
  return {
    ...base,
    ...urls,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: publicUrl,
    ASSERTION_PRIVATE_KEY: secrets.assertion.privateKey,
    ASSERTION_PUBLIC_KEY: secrets.assertion.publicKey,
  };
}
