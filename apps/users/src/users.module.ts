import { Module } from '@nestjs/common';
import { PasswordHasher } from './credentials/password-hasher';
import { VerifyCredentialsUseCase } from './credentials/verify-credentials.usecase';
import { GatewaySnapshotController } from './internal/gateway-snapshot.controller';
import { InternalController } from './internal/internal.controller';
import { PhotosController } from './usuarios/photo/photos.controller';
import { PhotosRepository } from './usuarios/photo/photos.repository';
import { BootstrapAdmin } from './usuarios/bootstrap-admin';
import { CreateUserUseCase } from './usuarios/usecases/create-user.usecase';
import { GetPhotoUseCase } from './usuarios/photo/usecases/get-photo.usecase';
import { PutPhotoUseCase } from './usuarios/photo/usecases/put-photo.usecase';
import { GetUserUseCase } from './usuarios/usecases/get-user.usecase';
import { ListUsersUseCase } from './usuarios/usecases/list-users.usecase';
import { UpdateUserUseCase } from './usuarios/usecases/update-user.usecase';
import { UsersController } from './usuarios/users.controller';
import { UsersRepository } from './usuarios/users.repository';

@Module({
  controllers: [UsersController, PhotosController, InternalController, GatewaySnapshotController],
  providers: [
    UsersRepository,
    PhotosRepository,
    PasswordHasher,
    ListUsersUseCase,
    GetUserUseCase,
    CreateUserUseCase,
    GetPhotoUseCase,
    PutPhotoUseCase,
    UpdateUserUseCase,
    VerifyCredentialsUseCase,
    BootstrapAdmin,
  ],
})
export class UsersModule {}
