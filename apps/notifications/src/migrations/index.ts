import { Notifications1763800000000 } from './1763800000000-notifications';
import { MessageTimeInMilliseconds1765100000000 } from './1765100000000-message-time-in-milliseconds';
import { PlatformAdminMessages1766000000000 } from './1766000000000-platform-admin-messages';

// Migrations of the notifications service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [
  Notifications1763800000000,
  MessageTimeInMilliseconds1765100000000,
  PlatformAdminMessages1766000000000,
];
