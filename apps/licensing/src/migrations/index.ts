import { Licensing1763800000000 } from './1763800000000-licensing';

// Migrations of the licensing service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Licensing1763800000000];
