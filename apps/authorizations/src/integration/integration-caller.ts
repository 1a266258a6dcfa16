import { ForbiddenException, Injectable } from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { ManagementScope, type ManagementMode } from '../shared/management-scope';
import type { IntegrationContext } from './integration.repository';

/** Who acted, as the integration's events carry it (audit, spec §7). */
export interface IntegrationActor {
  actorClient: string;
  actorUser?: string;
  requestId?: string;
}

export const actorOf = (p: Principal): IntegrationActor => ({
  actorClient: p.clientId,
  ...(p.userId ? { actorUser: p.userId } : {}),
  requestId: p.requestId,
});

/**
 * The context whose integration a caller reads (its admin or technician) or changes (its admin),
 * as the management routes decide (spec §4, the access re-read); a platform administrator acts
 * in the context its User-Access selected. An integration always belongs to one context.
 */
@Injectable()
export class IntegrationCaller {
  constructor(private readonly scope: ManagementScope) {}

  async contextOf(p: Principal, mode: ManagementMode): Promise<IntegrationContext> {
    if (isPlatformAdmin(p)) {
      if (!p.context)
        throw new ForbiddenException('An integration belongs to a context: send User-Access.');
      return { entity: p.context.entity, database: p.context.database };
    }
    const scope = await this.scope.resolve(p, mode);
    if (scope.kind !== 'context')
      throw new ForbiddenException('An integration belongs to a context: send User-Access.');
    return { entity: scope.entity, database: scope.database };
  }
}
