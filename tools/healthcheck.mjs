#!/usr/bin/env node
// The images' HEALTHCHECK: exits 0 when the app in this container answers GET /health/ready
// (its database and broker usable; the gateway's: every service ready), 1 otherwise.
// The port is PORT, else the app's default (each app's config.ts; a test keeps them equal).
const DEFAULT_PORTS = {
  gateway: 3000,
  oauth: 3001,
  authorizations: 3002,
  licensing: 3003,
  users: 3004,
  notifications: 3005,
  webhooks: 3006,
  audit: 3007,
  portal: 3008,
};

const port = process.env.PORT || DEFAULT_PORTS[process.env.APP];
const ready = await fetch(`http://127.0.0.1:${port}/health/ready`, {
  signal: AbortSignal.timeout(2500),
}).then(
  (r) => r.ok,
  () => false,
);
process.exit(ready ? 0 : 1);
