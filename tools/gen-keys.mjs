#!/usr/bin/env node
// Prints a .env for docker compose: the gateway's Ed25519 assertion key pair, the encryption
// keys and the audit chain's HMAC key, as one-line values, and the passwords of Postgres's
// superuser, of each service's own database role and of Redis. Usage: node tools/gen-keys.mjs > .env
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

// The apps that own a database (the gateway's holds the outbox of its refusals); each connects as its own role (tools/compose/postgres-init.sh).
const apps = createRequire(import.meta.url)('./launcher/services.json');
const DATABASE_SERVICES = [apps.gateway.name, ...apps.services.map((s) => s.name)];
// Hex: safe unescaped in a postgres:// or redis:// URL, a shell word or a command-line option.
const password = () => randomBytes(24).toString('hex');

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const oneLine = (pem) => pem.trim().replace(/\n/g, '\\n');
const lines = [
  `ASSERTION_PRIVATE_KEY="${oneLine(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())}"`,
  `ASSERTION_PUBLIC_KEY="${oneLine(publicKey.export({ type: 'spki', format: 'pem' }).toString())}"`,
  `OAUTH_KEY_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
  `WEBHOOKS_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
  `AUDIT_CHAIN_KEY=${randomBytes(32).toString('base64')}`,
  `BOOTSTRAP_CLIENT_ID=bootstrap`,
  `BOOTSTRAP_CLIENT_SECRET=${randomBytes(32).toString('base64url')}`,
  `BOOTSTRAP_ADMIN_LOGIN=admin`,
  `BOOTSTRAP_ADMIN_PASSWORD=${randomBytes(18).toString('base64url')}`,
  `PORTAL_CLIENT_SECRET=${randomBytes(32).toString('base64url')}`,
  `PORTAL_SESSION_KEY=${randomBytes(32).toString('base64')}`,
  `POSTGRES_PASSWORD=${password()}`,
  ...DATABASE_SERVICES.map((service) => `${service.toUpperCase()}_DB_PASSWORD=${password()}`),
  `REDIS_PASSWORD=${password()}`,
];
process.stdout.write(lines.join('\n') + '\n');
