import { ConflictException, Injectable } from '@nestjs/common';
import { UserCreated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { PasswordHasher } from '../../credentials/password-hasher';
import { toUserPayload } from '../dto/user.response';
import { UserEntity } from '../user.entity';
import { UserAlreadyExists, UsersRepository } from '../users.repository';

export interface NewUser {
  id: string;
  name: string;
  email: string;
  password?: string;
  platformAdmin?: boolean;
  permissions?: string[];
}

/** Adds a user and publishes `user.created` in the same transaction (outbox, spec §5). */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(input: NewUser): Promise<UserEntity> {
    // Hash before the transaction: argon2 is slow on purpose and must not hold a connection.
    const passwordHash =
      input.password === undefined ? null : await this.hasher.hash(input.password);
    try {
      return await this.users.transaction(async (manager) => {
        const user = await this.users.insert(
          {
            id: input.id,
            name: input.name,
            email: input.email,
            status: 'active',
            platformAdmin: input.platformAdmin ?? false,
            permissions: input.permissions ?? [],
            passwordHash,
          },
          manager,
        );
        await this.outbox.add(manager, draft(UserCreated, user.id, toUserPayload(user)));
        return user;
      });
    } catch (e) {
      if (e instanceof UserAlreadyExists)
        throw new ConflictException(`user '${input.id}' already exists`);
      throw e;
    }
  }
}
