import { Authorizations1763800000000 } from './1763800000000-authorizations';
import { AccessLastActivity1765000000000 } from './1765000000000-access-last-activity';
import { Integrations1766000000000 } from './1766000000000-integrations';

// Migrations of the authorizations service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [
  Authorizations1763800000000,
  AccessLastActivity1765000000000,
  Integrations1766000000000,
];
