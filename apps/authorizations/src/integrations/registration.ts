import { IntegrationCaller } from './integration-caller';
import { IntegrationController } from './integration.controller';
import { IntegrationRepository } from './integration.repository';
import { ChannelRequestsUseCase } from './usecases/channel-requests.usecase';
import { HomologationRunsUseCase } from './usecases/homologation-runs.usecase';
import { RecordCheckHandler } from './usecases/record-check.handler';
import { UpdateChannelsUseCase } from './usecases/update-channels.usecase';

/** What ADR 15's stage 2 adds to authorizations: a context's integration (AuthorizationsModule). */
export const integrationControllers = [IntegrationController];
export const integrationProviders = [
  IntegrationCaller,
  IntegrationRepository,
  UpdateChannelsUseCase,
  ChannelRequestsUseCase,
  HomologationRunsUseCase,
  RecordCheckHandler,
];
