import { ClientChecksUseCase } from '../homologation/client-checks.usecase';
import { ClientChecksController } from '../homologation/client-checks.controller';
import { ContextClientsController } from './context-clients.controller';
import { CreateContextClientUseCase } from './usecases/create-context-client.usecase';
import { DeleteContextClientUseCase } from './usecases/delete-context-client.usecase';
import { GetContextClientUseCase } from './usecases/get-context-client.usecase';
import { IssueContextClientTokenUseCase } from './usecases/issue-context-client-token.usecase';
import { ListContextClientTokensUseCase } from './usecases/list-context-client-tokens.usecase';
import { ListContextClientsUseCase } from './usecases/list-context-clients.usecase';
import { RevokeContextClientTokenUseCase } from './usecases/revoke-context-client-token.usecase';
import { RotateContextClientSecretUseCase } from './usecases/rotate-context-client-secret.usecase';

/**
 * What ADR 15's stage 2 adds to oauth, registered in OauthModule in one place: a context's own
 * applications and the application's self-homologation checks.
 */
export const stageTwoControllers = [ContextClientsController, ClientChecksController];
export const stageTwoProviders = [
  ListContextClientsUseCase,
  GetContextClientUseCase,
  CreateContextClientUseCase,
  DeleteContextClientUseCase,
  RotateContextClientSecretUseCase,
  IssueContextClientTokenUseCase,
  ListContextClientTokensUseCase,
  RevokeContextClientTokenUseCase,
  ClientChecksUseCase,
];
