import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import type { ContextScope } from '../../shared/management-scope';
import { AccessRequestEntity } from '../access-request.entity';
import { RequestsRepository } from '../requests.repository';

/** The access requests a manager may see: its context's, or every context's for platform.admin. */
@Injectable()
export class ListRequestsUseCase {
  constructor(private readonly requests: RequestsRepository) {}

  execute(scope: ContextScope, query: ListQuery): Promise<Page<AccessRequestEntity>> {
    return this.requests.inScope(scope, query);
  }
}
