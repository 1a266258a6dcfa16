import { Users1731000000000 } from './1731000000000-users';

// Migrations of the users service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Users1731000000000];
