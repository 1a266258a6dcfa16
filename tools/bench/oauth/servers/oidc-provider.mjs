// oidc-provider v9 configured for client credentials only (in-memory adapter), issuing JWT access
// tokens signed ES256 like the platform's (RFC 9068, through resource indicators): the reference
// implementation this server is measured against. Prints `READY <url>`.
// The platform also looks the client up in Postgres and records a `token.issued` outbox row per
// token (batched); oidc-provider keeps its client in memory and records nothing.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const RESOURCE = 'urn:platform:api';
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'bench',
  alg: 'ES256',
  use: 'sig',
};

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
  jwks: { keys: [signingKey] },
  // The only key is ES256, so that is every client's default signing algorithm too.
  clientDefaults: { id_token_signed_response_alg: 'ES256' },
  scopes: ['audit.read'],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'audit.read',
        audience: RESOURCE,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
});
provider.on('server_error', (_ctx, e) => process.stderr.write(`oidc-provider: ${e.message}\n`));
server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
