// oidc-provider v9 configured for client credentials only (in-memory adapter, its defaults):
// the reference implementation this server is measured against. Prints `READY <url>`.
// Its defaults issue opaque access tokens kept in memory; the platform signs ES256 JWTs and writes
// a `token.issued` outbox row to Postgres per token, so the comparison favours oidc-provider.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const server = createServer();
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.BENCH_CLIENT_ID,
      client_secret: process.env.BENCH_CLIENT_SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'audit.read',
    },
  ],
  scopes: ['audit.read'],
  features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
});
provider.on('server_error', () => undefined);
server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
