import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessGranted, ContextDto } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ContextsRepository } from '../../contexts/contexts.repository';
import { ContextScope, inScope } from '../../shared/management-scope';
import { AccessEntity, AccessRole } from '../access.entity';
import { AccessesRepository } from '../accesses.repository';
import { toAccessPayload } from '../dto/access.dto';

export interface NewAccess {
  user: string;
  role: AccessRole;
  context: ContextDto;
  grantedBy: string;
}

/** Gives a user access to an existing context and publishes `access.granted` (outbox). */
@Injectable()
export class GrantAccessUseCase {
  constructor(
    private readonly accesses: AccessesRepository,
    private readonly contexts: ContextsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  /**
   * The body's context must be the manager's own (or any, for platform.admin). With `manager`,
   * inside the caller's transaction (an approved request grants its access so).
   */
  execute(scope: ContextScope, input: NewAccess, manager?: EntityManager): Promise<AccessEntity> {
    if (!inScope(scope, input.context))
      throw new ForbiddenException('You may grant accesses only in your own context.');
    if (manager) return this.grant(input, manager);
    return this.accesses.transaction((m) => this.grant(input, m));
  }

  private async grant(input: NewAccess, manager: EntityManager): Promise<AccessEntity> {
    await this.contexts.mustExist(input.context, manager);
    const access = await this.accesses.insert(
      {
        user: input.user,
        role: input.role,
        admin: input.role === 'admin',
        entity: input.context.entity,
        database: input.context.database,
        grantedBy: input.grantedBy,
      },
      manager,
    );
    await this.outbox.add(
      manager,
      draft(AccessGranted, access.id, toAccessPayload(access), { entity: access.entity }),
    );
    return access;
  }
}

/** `admin` from `002_*` decides the role unless `role` refines it; contradictions are a 400. */
export function roleOf(admin: boolean, role: AccessRole | undefined): AccessRole {
  if (role === undefined) return admin ? 'admin' : 'user';
  if (admin !== (role === 'admin'))
    throw new BadRequestException(`admin: ${admin} contradicts role '${role}'`);
  return role;
}
