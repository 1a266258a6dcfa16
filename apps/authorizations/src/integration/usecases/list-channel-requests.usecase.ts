import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import type { ContextScope } from '../../shared/management-scope';
import { IntegrationRepository, type RequestWithName } from '../integration.repository';

/** The channel requests a manager may see; a platform administrator without a context, all. */
@Injectable()
export class ListChannelRequestsUseCase {
  constructor(private readonly integrations: IntegrationRepository) {}

  execute(scope: ContextScope, query: ListQuery): Promise<Page<RequestWithName>> {
    return this.integrations.requests(scope, query);
  }
}
