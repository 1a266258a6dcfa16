// First-boot secrets of `npm start`, kept under DATA_DIR (mode 0600) so a restart finds the same
// platform. Only what later boots need is kept: the gateway's assertion key pair, oauth's
// key-encryption key, the key webhooks encrypts its subscription secrets with, the key that
// authenticates the audit chain (the audit database never holds it), the embedded Postgres's
// superuser password, and the portal's client secret and session key. Bootstrap
// credentials the environment does not provide are generated, kept only until the first
// successful boot has created them in oauth and users (which store them hashed), then printed
// once and forgotten.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'launcher-secrets.json';

const token = (bytes) => randomBytes(bytes).toString('base64url');

function readStored(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(
      `${path} is unreadable (${e.message}); restore it or remove DATA_DIR to start afresh`,
    );
  }
}

function write(path, stored) {
  writeFileSync(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Credentials to create on this boot: the environment's, else generated ones until issued. */
function pendingBootstrap(stored, env) {
  if (stored.bootstrapIssued) return {};
  stored.pendingBootstrap ??= {};
  const pending = stored.pendingBootstrap;
  if (!env.BOOTSTRAP_CLIENT_ID)
    pending.client ??= { id: `platform-admin-${token(6)}`, secret: token(32) };
  if (!env.BOOTSTRAP_ADMIN_LOGIN) pending.admin ??= { login: 'admin', password: token(18) };
  return pending;
}

/**
 * Loads (or makes) the secrets. `issued()` is to be called once the platform is up: it forgets
 * the generated credentials and returns the text that shows them, once ('' when none).
 */
export function loadSecrets(dataDir, env, generateAssertionKeys) {
  const path = join(dataDir, FILE);
  const stored = existsSync(path) ? readStored(path) : {};
  stored.assertion ??= generateAssertionKeys();
  stored.oauthKeyEncryptionKey ??= randomBytes(32).toString('base64');
  stored.webhooksEncryptionKey ??= randomBytes(32).toString('base64');
  stored.auditChainKey ??= randomBytes(32).toString('base64');
  // The embedded Postgres's superuser: with a fixed password, any local user could read the data.
  stored.postgresPassword ??= token(24);
  // The portal's client secret and session key are needed on every boot, so they are kept.
  stored.portalClientSecret ??= token(32);
  stored.portalSessionKey ??= randomBytes(32).toString('base64');
  const pending = pendingBootstrap(stored, env);
  write(path, stored);
  const fromEnv = env.ASSERTION_PRIVATE_KEY && env.ASSERTION_PUBLIC_KEY;
  return {
    assertion: fromEnv
      ? { privateKey: env.ASSERTION_PRIVATE_KEY, publicKey: env.ASSERTION_PUBLIC_KEY }
      : stored.assertion,
    oauthKeyEncryptionKey: env.OAUTH_KEY_ENCRYPTION_KEY || stored.oauthKeyEncryptionKey,
    webhooksEncryptionKey: env.WEBHOOKS_ENCRYPTION_KEY || stored.webhooksEncryptionKey,
    auditChainKey: env.AUDIT_CHAIN_KEY || stored.auditChainKey,
    postgresPassword: stored.postgresPassword,
    portal: {
      clientId: env.PORTAL_CLIENT_ID || 'platform-portal',
      clientSecret: env.PORTAL_CLIENT_SECRET || stored.portalClientSecret,
      sessionKey: env.PORTAL_SESSION_KEY || stored.portalSessionKey,
    },
    client: env.BOOTSTRAP_CLIENT_ID
      ? { id: env.BOOTSTRAP_CLIENT_ID, secret: env.BOOTSTRAP_CLIENT_SECRET }
      : pending.client,
    admin: env.BOOTSTRAP_ADMIN_LOGIN
      ? { login: env.BOOTSTRAP_ADMIN_LOGIN, password: env.BOOTSTRAP_ADMIN_PASSWORD }
      : pending.admin,
    issued() {
      if (stored.bootstrapIssued) return '';
      delete stored.pendingBootstrap;
      stored.bootstrapIssued = new Date().toISOString();
      write(path, stored);
      return describeGenerated(pending);
    },
  };
}

function describeGenerated({ client, admin }) {
  const lines = [];
  if (client) {
    lines.push(
      '  bootstrap client (every scope, incl. platform.admin):',
      `    BOOTSTRAP_CLIENT_ID=${client.id}`,
      `    BOOTSTRAP_CLIENT_SECRET=${client.secret}`,
    );
  }
  if (admin) {
    lines.push(
      '  platform administrator:',
      `    BOOTSTRAP_ADMIN_LOGIN=${admin.login}`,
      `    BOOTSTRAP_ADMIN_PASSWORD=${admin.password}`,
    );
  }
  if (lines.length === 0) return '';
  const rule = '='.repeat(72);
  return [
    rule,
    'FIRST BOOT: generated credentials, shown only this once. Save them now.',
    ...lines,
    rule,
    '',
  ].join('\n');
}
