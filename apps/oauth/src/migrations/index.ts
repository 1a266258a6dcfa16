import { OauthSchema1763900000000 } from './1763900000000-oauth-schema';
import { OpenIdConnect1764100000000 } from './1764100000000-openid-connect';
import { ClientLicenseEndpoints1765000000000 } from './1765000000000-client-license-endpoints';
import { ClientOwnerContext1766000000000 } from './1766000000000-client-owner-context';

// Migrations of the oauth service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [
  OauthSchema1763900000000,
  OpenIdConnect1764100000000,
  ClientLicenseEndpoints1765000000000,
  ClientOwnerContext1766000000000,
];
