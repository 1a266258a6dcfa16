import { Module } from '@nestjs/common';
import { AccessActivityHandler } from './accesses/access-activity.handler';
import { AccessSnapshotController } from './accesses/access-snapshot.controller';
import { AccessesController } from './accesses/accesses.controller';
import { AccessesRepository } from './accesses/accesses.repository';
import { GrantAccessUseCase } from './accesses/usecases/grant-access.usecase';
import { RevokeAccessUseCase } from './accesses/usecases/revoke-access.usecase';
import { ContextProjection } from './contexts/context-projection';
import { ContextsRepository } from './contexts/contexts.repository';
import { integrationControllers, integrationProviders } from './integrations/registration';
import { RequestsController } from './requests/requests.controller';
import { RequestsRepository } from './requests/requests.repository';
import { CreateRequestUseCase } from './requests/usecases/create-request.usecase';
import { DecideRequestUseCase } from './requests/usecases/decide-request.usecase';
import { ManagementScope } from './shared/management-scope';

@Module({
  controllers: [
    AccessesController,
    RequestsController,
    AccessSnapshotController,
    ...integrationControllers,
  ],
  providers: [
    AccessActivityHandler,
    AccessesRepository,
    RequestsRepository,
    ContextsRepository,
    ContextProjection,
    ManagementScope,
    GrantAccessUseCase,
    RevokeAccessUseCase,
    CreateRequestUseCase,
    DecideRequestUseCase,
    ...integrationProviders,
  ],
})
export class AuthorizationsModule {}
