import { ForbiddenException } from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';

/**
 * Whose subscriptions a caller sees and makes: those of its context (`User-Access`), or — for
 * `platform.admin` acting outside any context — the platform-wide ones, which see every event.
 */
export type OwnerScope =
  { kind: 'context'; entity: string; database: string } | { kind: 'platform' };

export function ownerScopeOf(p: Principal): OwnerScope {
  if (p.context) return { kind: 'context', entity: p.context.entity, database: p.context.database };
  if (isPlatformAdmin(p)) return { kind: 'platform' };
  throw new ForbiddenException(
    'webhooks belong to a context: select one with the User-Access header',
  );
}
