import { Audit1731000000100 } from './1731000000100-audit';
import { AuditAppendOnlyRole1731000000200 } from './1731000000200-audit-append-only-role';

// Migrations of the audit service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [Audit1731000000100, AuditAppendOnlyRole1731000000200];
