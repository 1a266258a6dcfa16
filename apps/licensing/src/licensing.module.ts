import { Module } from '@nestjs/common';
import { CreateDatabaseUseCase } from './databases/usecases/create-database.usecase';
import { DatabasesController } from './databases/databases.controller';
import { DatabasesRepository } from './databases/databases.repository';
import { DadosController } from './entidades/dados.controller';
import { EntidadesController } from './entidades/entidades.controller';
import { EntidadesRepository } from './entidades/entidades.repository';
import { CreateEntidadeUseCase } from './entidades/usecases/create-entidade.usecase';
import { CreateResellerUseCase } from './entidades/usecases/create-reseller.usecase';
import { LicenseExpiryScheduler } from './licensing/expiry/license-expiry.scheduler';
import { LicenseInternalController } from './licensing/internal/license-internal.controller';
import { LicensesController } from './licensing/licenses.controller';
import { LicensesRepository } from './licensing/licenses.repository';
import { ContextLicensesController } from './licensing/context-licenses.controller';
import { CreateLicenseUseCase } from './licensing/usecases/create-license.usecase';
import { GetLatestLicenseUseCase } from './licensing/usecases/get-latest-license.usecase';
import { ListContextLicensesUseCase } from './licensing/usecases/list-context-licenses.usecase';
import { LookupLicenseUseCase } from './licensing/usecases/lookup-license.usecase';
import { RevokeLicenseUseCase } from './licensing/usecases/revoke-license.usecase';
import { UpdateLicenseUseCase } from './licensing/usecases/update-license.usecase';
import { ValidateLicenseUseCase } from './licensing/usecases/validate-license.usecase';
import { SistemasRepository } from './sistemas/sistemas.repository';
import { SistemasController } from './sistemas/sistemas.controller';
import { CreateSistemaUseCase } from './sistemas/usecases/create-sistema.usecase';
import { Clock, SystemClock } from '@platform/http';

@Module({
  controllers: [
    EntidadesController,
    DadosController,
    DatabasesController,
    SistemasController,
    LicensesController,
    ContextLicensesController,
    LicenseInternalController,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    EntidadesRepository,
    DatabasesRepository,
    LicensesRepository,
    SistemasRepository,
    CreateEntidadeUseCase,
    CreateResellerUseCase,
    CreateSistemaUseCase,
    CreateDatabaseUseCase,
    CreateLicenseUseCase,
    GetLatestLicenseUseCase,
    ValidateLicenseUseCase,
    UpdateLicenseUseCase,
    RevokeLicenseUseCase,
    ListContextLicensesUseCase,
    LookupLicenseUseCase,
    LicenseExpiryScheduler,
  ],
})
export class LicensingModule {}
