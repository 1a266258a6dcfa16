import { Authorizations1763800000000 } from './1763800000000-authorizations';

// Migrations of the authorizations service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Authorizations1763800000000];
