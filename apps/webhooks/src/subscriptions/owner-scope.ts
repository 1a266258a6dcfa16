import { ForbiddenException } from '@nestjs/common';
import { isPlatformAdmin, type CallerContext, type Principal } from '@platform/auth';

/**
 * Whose subscriptions a caller sees and makes: those of its context (`User-Access`), or — for
 * `platform.admin` acting outside any context — the platform-wide ones, which see every event.
 */
export type OwnerScope =
  { kind: 'context'; entity: string; database: string } | { kind: 'platform' };

/**
 * What a route does with a context's subscriptions. `manage` (create, replace, delete, rotate the
 * secret, send a test, retry a delivery: each sends the context's events or secrets somewhere)
 * needs the context's admin role; `read` (list, get, the delivery log) an admin or technician,
 * as the management routes of authorizations (spec §4, §6). `platform.admin` may do both anywhere.
 */
export type SubscriptionPermission = 'read' | 'manage';

const ROLES: Record<SubscriptionPermission, CallerContext['role'][]> = {
  read: ['admin', 'technician'],
  manage: ['admin'],
};

export function ownerScopeOf(p: Principal, permission: SubscriptionPermission): OwnerScope {
  if (p.context) {
    if (!isPlatformAdmin(p) && !ROLES[permission].includes(p.context.role)) {
      throw new ForbiddenException(
        permission === 'manage'
          ? "Only the context's admin may change its webhooks."
          : "Only the context's admin or technician may see its webhooks.",
      );
    }
    return { kind: 'context', entity: p.context.entity, database: p.context.database };
  }
  if (isPlatformAdmin(p)) return { kind: 'platform' };
  throw new ForbiddenException(
    'webhooks belong to a context: select one with the User-Access header',
  );
}
