import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import { AccessEntity } from '../access.entity';
import { AccessesRepository } from '../accesses.repository';

/** Every live access of one user, whatever the context (`@me/access`). */
@Injectable()
export class ListMyAccessesUseCase {
  constructor(private readonly accesses: AccessesRepository) {}

  execute(user: string, query: ListQuery): Promise<Page<AccessEntity>> {
    return this.accesses.ofUser(user, query);
  }
}
