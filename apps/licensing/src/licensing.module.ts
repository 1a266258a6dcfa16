import { Module } from '@nestjs/common';
import { ContextLicensesController } from './context-licenses/context-licenses.controller';
import { CreateDatabaseUseCase } from './databases/create-database.usecase';
import { DatabasesController } from './databases/databases.controller';
import { DatabasesRepository } from './databases/databases.repository';
import { DadosController } from './entidades/dados.controller';
import { EntidadesController } from './entidades/entidades.controller';
import { EntidadesRepository } from './entidades/entidades.repository';
import { CreateEntidadeUseCase } from './entidades/usecases/create-entidade.usecase';
import { CreateResellerUseCase } from './entidades/usecases/create-reseller.usecase';
import { LicenseExpiryScheduler } from './licenses/expiry/license-expiry.scheduler';
import { LicenseInternalController } from './licenses/internal/license-internal.controller';
import { LicensesController } from './licenses/licenses.controller';
import { LicensesRepository } from './licenses/licenses.repository';
import { ChangeLicenseUseCase } from './licenses/usecases/change-license.usecase';
import { CreateLicenseUseCase } from './licenses/usecases/create-license.usecase';
import { Clock, SystemClock } from './shared/clock';
import { SistemasController } from './sistemas/sistemas.controller';
import { CreateSistemaUseCase } from './sistemas/usecases/create-sistema.usecase';

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
    CreateEntidadeUseCase,
    CreateResellerUseCase,
    CreateSistemaUseCase,
    CreateDatabaseUseCase,
    CreateLicenseUseCase,
    ChangeLicenseUseCase,
    LicenseExpiryScheduler,
  ],
})
export class LicensingModule {}
