import { ConflictException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContextScope, inScope } from '../../shared/management-scope';
import { AccessRequestEntity } from '../access-request.entity';
import { RequestsRepository } from '../requests.repository';

/**
 * A pending request of the manager's scope, locked for the transaction. Another context's request
 * answers 404 as if it did not exist; a decided one 409.
 */
export async function lockPendingRequest(
  requests: RequestsRepository,
  scope: ContextScope,
  id: string,
  manager: EntityManager,
): Promise<AccessRequestEntity> {
  const request = await requests.findForUpdate(id, manager);
  if (!request || !inScope(scope, request))
    throw new NotFoundException(`request '${id}' not found`);
  if (request.status !== 'pending')
    throw new ConflictException(`the request is already ${request.status}`);
  return request;
}
