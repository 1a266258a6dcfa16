import { ClientChecksUseCase } from '../homologation/client-checks.usecase';
import { ClientChecksController } from '../homologation/client-checks.controller';
import { ContextClientsController } from './context-clients.controller';
import { ContextClientsService } from './context-clients.service';

/**
 * What ADR 15's stage 2 adds to oauth, registered in OauthModule in one place: a context's own
 * applications and the application's self-homologation checks.
 */
export const stageTwoControllers = [ContextClientsController, ClientChecksController];
export const stageTwoProviders = [ContextClientsService, ClientChecksUseCase];
