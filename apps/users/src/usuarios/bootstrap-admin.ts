import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersEnv } from '../config';
import { CreateUserUseCase } from './usecases/create-user.usecase';
import { UsersRepository } from './users.repository';

/**
 * Creates the platform administrator of `BOOTSTRAP_ADMIN_LOGIN`/`BOOTSTRAP_ADMIN_PASSWORD` on
 * first boot (spec §1). An existing user of that id is left alone: the password is not reset.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly env: UsersEnv,
    private readonly users: UsersRepository,
    private readonly createUser: CreateUserUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const login = this.env.BOOTSTRAP_ADMIN_LOGIN;
    const password = this.env.BOOTSTRAP_ADMIN_PASSWORD;
    if (!login || !password || (await this.users.findById(login))) return;
    try {
      await this.createUser.execute({
        id: login,
        name: 'Platform administrator',
        // `.invalid` is reserved (RFC 2606): a placeholder no mail can go to, until an admin sets one.
        email: login.includes('@') ? login : `${login}@platform.invalid`,
        password,
        platformAdmin: true,
        permissions: ['UserManagement'],
      });
      this.logger.log(`created bootstrap administrator '${login}'`);
    } catch (e) {
      // Another instance booting at the same time created it first.
      if (!(e instanceof ConflictException)) throw e;
    }
  }
}
