import { IntegrationCaller } from './integration-caller';
import { IntegrationController } from './integration.controller';
import { IntegrationRepository } from './integration.repository';
import { CompleteChannelRequestUseCase } from './usecases/complete-channel-request.usecase';
import { GetIntegrationUseCase } from './usecases/get-integration.usecase';
import { ListChannelRequestsUseCase } from './usecases/list-channel-requests.usecase';
import { RecordCheckHandler } from './usecases/record-check.handler';
import { RequestChannelUseCase } from './usecases/request-channel.usecase';
import { StartHomologationRunUseCase } from './usecases/start-homologation-run.usecase';
import { UpdateChannelsUseCase } from './usecases/update-channels.usecase';

/** What ADR 15's stage 2 adds to authorizations: a context's integration (AuthorizationsModule). */
export const integrationControllers = [IntegrationController];
export const integrationProviders = [
  IntegrationCaller,
  IntegrationRepository,
  GetIntegrationUseCase,
  UpdateChannelsUseCase,
  RequestChannelUseCase,
  ListChannelRequestsUseCase,
  CompleteChannelRequestUseCase,
  StartHomologationRunUseCase,
  RecordCheckHandler,
];
