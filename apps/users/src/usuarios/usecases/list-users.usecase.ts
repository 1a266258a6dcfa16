import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import { UserEntity } from '../user.entity';
import { UsersRepository } from '../users.repository';

/** A page of the directory, filtered and sorted by the list conventions (`USER_FIELDS`). */
@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UsersRepository) {}

  execute(query: ListQuery): Promise<Page<UserEntity>> {
    return this.users.list(query);
  }
}
