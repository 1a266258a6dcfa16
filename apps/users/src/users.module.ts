import { Module } from '@nestjs/common';
import { PasswordHasher } from './credentials/password-hasher';
import { VerifyCredentialsUseCase } from './credentials/verify-credentials.usecase';
import { GatewaySnapshotController } from './internal/gateway-snapshot.controller';
import { InternalController } from './internal/internal.controller';
import { PhotosController } from './photos/photos.controller';
import { PhotosRepository } from './photos/photos.repository';
import { BootstrapAdmin } from './users/bootstrap-admin';
import { CreateUserUseCase } from './users/usecases/create-user.usecase';
import { UpdateUserUseCase } from './users/usecases/update-user.usecase';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';

@Module({
  controllers: [UsersController, PhotosController, InternalController, GatewaySnapshotController],
  providers: [
    UsersRepository,
    PhotosRepository,
    PasswordHasher,
    CreateUserUseCase,
    UpdateUserUseCase,
    VerifyCredentialsUseCase,
    BootstrapAdmin,
  ],
})
export class UsersModule {}
