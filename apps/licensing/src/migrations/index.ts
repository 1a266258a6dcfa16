import { Licensing1763800000000 } from './1763800000000-licensing';
import { DatabasesNome1765000000000 } from './1765000000000-databases-nome';

// Migrations of the licensing service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Licensing1763800000000, DatabasesNome1765000000000];
