import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import { Idempotent } from '@platform/http';
import { AdminActor, AdminCaller } from '../shared/admin-actor';
import { clientView } from './client-view';
import {
  ClientResponse,
  ClientTokenIssuedResponse,
  ClientTokenResponse,
  ClientWithSecretResponse,
} from './dto/client.response';
import { CreateClientDto } from './dto/create-client.dto';
import { IssueClientTokenDto, UpdateClientDto } from './dto/update-client.dto';
import { CreateClientUseCase } from './usecases/create-client.usecase';
import { DeleteClientUseCase } from './usecases/delete-client.usecase';
import { GetClientUseCase } from './usecases/get-client.usecase';
import { IssueClientTokenUseCase } from './usecases/issue-client-token.usecase';
import { ListClientTokensUseCase } from './usecases/list-client-tokens.usecase';
import { ListClientsUseCase } from './usecases/list-clients.usecase';
import { RevokeClientTokenUseCase } from './usecases/revoke-client-token.usecase';
import { RotateClientSecretUseCase } from './usecases/rotate-client-secret.usecase';
import { UpdateClientUseCase } from './usecases/update-client.usecase';

/** Client administration (spec §3), `platform.admin` only. */
@ApiTags('oauth clients')
@Scopes('platform.admin')
@Controller('auth/oauth2')
export class ClientsController {
  constructor(
    @Inject(CreateClientUseCase) private readonly createClient: CreateClientUseCase,
    @Inject(ListClientsUseCase) private readonly listClients: ListClientsUseCase,
    @Inject(GetClientUseCase) private readonly getClient: GetClientUseCase,
    @Inject(UpdateClientUseCase) private readonly updateClient: UpdateClientUseCase,
    @Inject(DeleteClientUseCase) private readonly deleteClient: DeleteClientUseCase,
    @Inject(RotateClientSecretUseCase)
    private readonly rotateClientSecret: RotateClientSecretUseCase,
    @Inject(IssueClientTokenUseCase) private readonly issueClientToken: IssueClientTokenUseCase,
    @Inject(ListClientTokensUseCase) private readonly listClientTokens: ListClientTokensUseCase,
    @Inject(RevokeClientTokenUseCase) private readonly revokeClientToken: RevokeClientTokenUseCase,
  ) {}

  /** The secret appears in this answer only; it is stored as a digest. */
  @Post('clients')
  @Idempotent({ answersSecret: true })
  async create(
    @Body() dto: CreateClientDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.createClient.execute(dto, { actor });
    return { ...clientView(client), ...(secret ? { client_secret: secret } : {}) };
  }

  @Get('clients')
  async list(): Promise<ClientResponse[]> {
    return (await this.listClients.execute()).map(clientView);
  }

  @Get('clients/:id')
  async get(@Param('id') id: string): Promise<ClientResponse> {
    return clientView(await this.getClient.execute(id));
  }

  @Patch('clients/:id')
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateClientDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientResponse> {
    return clientView(await this.updateClient.execute(id, dto, actor));
  }

  @Delete('clients/:id')
  @HttpCode(204)
  remove(@Param('id') id: string, @AdminCaller() actor: AdminActor): Promise<void> {
    return this.deleteClient.execute(id, actor);
  }

  /** Regenerates the secret and revokes every token the client holds (`000_*`). */
  @Post('clients/:id/secret')
  @HttpCode(200)
  async rotateSecret(
    @Param('id') id: string,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.rotateClientSecret.execute(id, actor);
    return { ...clientView(client), client_secret: secret };
  }

  @Post('clients/:id/tokens')
  @Idempotent({ answersSecret: true })
  @ApiCreatedResponse({ type: ClientTokenIssuedResponse })
  issueToken(
    @Param('id') id: string,
    @Body() dto: IssueClientTokenDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<Record<string, unknown>> {
    return this.issueClientToken.execute(id, dto, actor);
  }

  @Get('clients/:id/tokens')
  @ApiOkResponse({ type: [ClientTokenResponse] })
  listTokens(@Param('id') id: string): Promise<Record<string, unknown>[]> {
    return this.listClientTokens.execute(id);
  }

  @Delete('clients/:id/tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@Param('id') id: string, @Param('tokenId') tokenId: string): Promise<void> {
    return this.revokeClientToken.execute(id, tokenId);
  }
}
