import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { UserEntity } from '../usuarios/user.entity';
import { UsersRepository } from '../usuarios/users.repository';
import { PasswordHasher } from './password-hasher';

/**
 * Checks a login and password for oauth (ADR 0005). An unknown login and a wrong password get
 * the same answer after the same work (a verify against a dummy hash), so the answer does not
 * reveal which logins exist; only a correct password learns that the user is disabled.
 */
@Injectable()
export class VerifyCredentialsUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(login: string, password: string): Promise<UserEntity> {
    const user = await this.users.findWithCredentials(login);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new UnauthorizedException('invalid credentials');
    if (user.status !== 'active') throw new ForbiddenException('user disabled');
    return user;
  }
}
