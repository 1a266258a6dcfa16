import { PortalSessions1765000000000 } from './1765000000000-portal-sessions';

// Migrations of the portal, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [PortalSessions1765000000000];
