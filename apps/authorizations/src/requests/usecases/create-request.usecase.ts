import { ConflictException, Injectable } from '@nestjs/common';
import { AccessRequestCreated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { AccessesRepository } from '../../accesses/accesses.repository';
import { ContextsRepository } from '../../contexts/contexts.repository';
import { AccessRequestEntity } from '../access-request.entity';
import { CreateAccessRequestDto, toRequestPayload } from '../dto/request.dto';
import { RequestsRepository } from '../requests.repository';

/**
 * A user asks for access to a context. `access_request.created` carries the context so that
 * notifications can tell that context's admins.
 */
@Injectable()
export class CreateRequestUseCase {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly accesses: AccessesRepository,
    private readonly contexts: ContextsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(user: string, input: CreateAccessRequestDto): Promise<AccessRequestEntity> {
    const { entity, database } = input.context;
    return this.requests.transaction(async (manager) => {
      await this.contexts.mustExist(input.context, manager);
      if (await this.accesses.findActive(user, entity, database, manager)) {
        throw new ConflictException('you already have access to this context');
      }
      const request = await this.requests.insert(
        {
          user,
          entity,
          database,
          message: input.message ?? null,
          status: 'pending',
        },
        manager,
      );
      await this.outbox.add(
        manager,
        draft(AccessRequestCreated, request.id, toRequestPayload(request), { entity }),
      );
      return request;
    });
  }
}
