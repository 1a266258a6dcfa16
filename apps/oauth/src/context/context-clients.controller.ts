import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import { Idempotent } from '@platform/http';
import { clientView } from '../clients/client-view';
import { CreateClientDto } from '../clients/dto/create-client.dto';
import { IssueClientTokenDto } from '../clients/dto/update-client.dto';
import { KNOWN_SCOPES } from '../shared/scopes';
import { type ContextAdmin, ContextAdminCaller } from './context-admin';
import { grantableScopes } from './context-policy';
import { CreateContextClientUseCase } from './usecases/create-context-client.usecase';
import { DeleteContextClientUseCase } from './usecases/delete-context-client.usecase';
import { GetContextClientUseCase } from './usecases/get-context-client.usecase';
import { IssueContextClientTokenUseCase } from './usecases/issue-context-client-token.usecase';
import { ListContextClientTokensUseCase } from './usecases/list-context-client-tokens.usecase';
import { ListContextClientsUseCase } from './usecases/list-context-clients.usecase';
import { RevokeContextClientTokenUseCase } from './usecases/revoke-context-client-token.usecase';
import { RotateContextClientSecretUseCase } from './usecases/rotate-context-client-secret.usecase';
import {
  ClientResponse,
  ClientTokenIssuedResponse,
  ClientTokenResponse,
  ClientWithSecretResponse,
} from '../clients/dto/client.response';
import { GrantableScopes } from './dto/context-client.response';

/**
 * A context's own applications (ADR 15 stage 2): the context's admin (an admin `User-Access`)
 * lists, creates, regenerates and deletes them, and issues and revokes their client access tokens
 * (`000_*`). Only the caller's context's clients are visible; the scopes and grants a context
 * admin may give are limited (context-policy.ts).
 */
@ApiTags('oauth context clients')
@Scopes('user-accounts.suite')
@Controller('auth/oauth2')
export class ContextClientsController {
  constructor(
    @Inject(ListContextClientsUseCase) private readonly listClients: ListContextClientsUseCase,
    @Inject(CreateContextClientUseCase) private readonly createClient: CreateContextClientUseCase,
    @Inject(GetContextClientUseCase) private readonly getClient: GetContextClientUseCase,
    @Inject(DeleteContextClientUseCase) private readonly deleteClient: DeleteContextClientUseCase,
    @Inject(RotateContextClientSecretUseCase)
    private readonly rotateClientSecret: RotateContextClientSecretUseCase,
    @Inject(IssueContextClientTokenUseCase)
    private readonly issueClientToken: IssueContextClientTokenUseCase,
    @Inject(ListContextClientTokensUseCase)
    private readonly listClientTokens: ListContextClientTokensUseCase,
    @Inject(RevokeContextClientTokenUseCase)
    private readonly revokeClientToken: RevokeContextClientTokenUseCase,
  ) {}

  @Get('context/scopes')
  scopes(@ContextAdminCaller() caller: ContextAdmin): GrantableScopes {
    return { grantable: grantableScopes(caller.platformAdmin, KNOWN_SCOPES) };
  }

  @Get('context/clients')
  async list(@ContextAdminCaller() caller: ContextAdmin): Promise<ClientResponse[]> {
    return (await this.listClients.execute(caller.owner)).map(clientView);
  }

  /** The secret appears in this answer only; it is stored as a digest. */
  @Post('context/clients')
  @Idempotent({ answersSecret: true })
  @ApiCreatedResponse({ type: ClientWithSecretResponse })
  async create(
    @ContextAdminCaller() caller: ContextAdmin,
    @Body() dto: CreateClientDto,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.createClient.execute(caller, dto);
    return { ...clientView(client), ...(secret ? { client_secret: secret } : {}) };
  }

  @Get('context/clients/:id')
  async get(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
  ): Promise<ClientResponse> {
    return clientView(await this.getClient.execute(caller.owner, id));
  }

  @Delete('context/clients/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@ContextAdminCaller() caller: ContextAdmin, @Param('id') id: string): Promise<void> {
    return this.deleteClient.execute(caller, id);
  }

  /** `000_*`: regenerable at any time; every token the client holds is revoked. */
  @Post('context/clients/:id/secret')
  @HttpCode(200)
  async rotateSecret(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.rotateClientSecret.execute(caller, id);
    return { ...clientView(client), client_secret: secret };
  }

  @Post('context/clients/:id/tokens')
  @Idempotent({ answersSecret: true })
  @ApiCreatedResponse({ type: ClientTokenIssuedResponse })
  issueToken(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
    @Body() dto: IssueClientTokenDto,
  ): Promise<Record<string, unknown>> {
    return this.issueClientToken.execute(caller, id, dto);
  }

  @Get('context/clients/:id/tokens')
  @ApiOkResponse({ type: [ClientTokenResponse] })
  listTokens(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
  ): Promise<Record<string, unknown>[]> {
    return this.listClientTokens.execute(caller.owner, id);
  }

  @Delete('context/clients/:id/tokens/:tokenId')
  @HttpCode(204)
  @ApiNoContentResponse()
  revokeToken(
    @ContextAdminCaller() caller: ContextAdmin,
    @Param('id') id: string,
    @Param('tokenId') tokenId: string,
  ): Promise<void> {
    return this.revokeClientToken.execute(caller.owner, id, tokenId);
  }
}
