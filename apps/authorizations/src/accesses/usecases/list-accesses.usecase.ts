import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import type { ContextScope } from '../../shared/management-scope';
import { AccessEntity } from '../access.entity';
import { AccessesRepository } from '../accesses.repository';

/** The live accesses a manager may see: its context's, or every context's for platform.admin. */
@Injectable()
export class ListAccessesUseCase {
  constructor(private readonly accesses: AccessesRepository) {}

  execute(scope: ContextScope, query: ListQuery): Promise<Page<AccessEntity>> {
    return this.accesses.inScope(scope, query);
  }
}
