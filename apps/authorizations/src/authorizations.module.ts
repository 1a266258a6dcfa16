import { Module } from '@nestjs/common';
import { AccessActivityHandler } from './accesses/access-activity.handler';
import { AccessSnapshotController } from './accesses/access-snapshot.controller';
import { AccessesController } from './accesses/accesses.controller';
import { AccessesRepository } from './accesses/accesses.repository';
import { GrantAccessUseCase } from './accesses/usecases/grant-access.usecase';
import { ListAccessesUseCase } from './accesses/usecases/list-accesses.usecase';
import { ListMyAccessesUseCase } from './accesses/usecases/list-my-accesses.usecase';
import { RevokeAccessUseCase } from './accesses/usecases/revoke-access.usecase';
import { ContextProjection } from './contexts/context-projection';
import { ContextsRepository } from './contexts/contexts.repository';
import { integrationControllers, integrationProviders } from './integration/registration';
import { RequestsController } from './requests/requests.controller';
import { RequestsRepository } from './requests/requests.repository';
import { CreateRequestUseCase } from './requests/usecases/create-request.usecase';
import { AllowRequestUseCase } from './requests/usecases/allow-request.usecase';
import { DenyRequestUseCase } from './requests/usecases/deny-request.usecase';
import { ListRequestsUseCase } from './requests/usecases/list-requests.usecase';
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
    ListAccessesUseCase,
    ListMyAccessesUseCase,
    CreateRequestUseCase,
    ListRequestsUseCase,
    AllowRequestUseCase,
    DenyRequestUseCase,
    ...integrationProviders,
  ],
})
export class AuthorizationsModule {}
