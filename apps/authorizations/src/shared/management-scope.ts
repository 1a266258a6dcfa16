import { ForbiddenException, Injectable } from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { AccessesRepository } from '../accesses/accesses.repository';
import { isUuid } from '@platform/http';

/** Where a manager may act: one context, or every context (`platform.admin` without one). */
export type ContextScope = { kind: 'all' } | { kind: 'context'; entity: string; database: string };

export type ManagementMode = 'read' | 'write';

export const inScope = (scope: ContextScope, row: { entity: string; database: string }): boolean =>
  scope.kind === 'all' || (scope.entity === row.entity && scope.database === row.database);

/**
 * Management routes need an admin access (technician: read only) in the caller's own context,
 * or `platform.admin` (spec §4). The access is re-read here rather than trusting the role in
 * the assertion, so an access removed a moment ago no longer manages anything.
 */
@Injectable()
export class ManagementScope {
  constructor(private readonly accesses: AccessesRepository) {}

  async resolve(p: Principal, mode: ManagementMode): Promise<ContextScope> {
    if (isPlatformAdmin(p)) {
      // Provisioning acts anywhere; a read with a context selected shows just that context.
      if (mode === 'write' || !p.context) return { kind: 'all' };
      return { kind: 'context', entity: p.context.entity, database: p.context.database };
    }
    const ctx = p.context;
    if (!ctx || !p.userId || !isUuid(ctx.accessId)) {
      throw new ForbiddenException('Management needs a context: send User-Access.');
    }
    const access = await this.accesses.findActiveById(ctx.accessId);
    const matches =
      access?.user === p.userId && access.entity === ctx.entity && access.database === ctx.database;
    if (!access || !matches)
      throw new ForbiddenException('Your User-Access is not an active access of yours.');
    const allowed = mode === 'read' ? ['admin', 'technician'] : ['admin'];
    if (!allowed.includes(access.role)) {
      throw new ForbiddenException(
        `Only a context ${mode === 'read' ? 'admin or technician' : 'admin'} may do this.`,
      );
    }
    return { kind: 'context', entity: ctx.entity, database: ctx.database };
  }
}

/** The user a caller acts as on `@me` routes: a user token is needed. */
export function me(p: Principal): string {
  if (!p.userId) throw new ForbiddenException('This route needs a user token.');
  return p.userId;
}
