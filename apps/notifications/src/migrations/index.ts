import { Notifications1763800000000 } from './1763800000000-notifications';

// Migrations of the notifications service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Notifications1763800000000];
