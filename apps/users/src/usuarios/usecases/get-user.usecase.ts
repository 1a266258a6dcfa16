import { Injectable, NotFoundException } from '@nestjs/common';
import { UserEntity } from '../user.entity';
import { UsersRepository } from '../users.repository';

/** One user by id; 404 when there is none. */
@Injectable()
export class GetUserUseCase {
  constructor(private readonly users: UsersRepository) {}

  async execute(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`user '${id}' not found`);
    return user;
  }
}
