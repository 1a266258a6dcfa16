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
import { ClientTokensService } from './client-tokens.service';
import { ClientsService } from './clients.service';
import {
  ClientResponse,
  ClientTokenIssuedResponse,
  ClientTokenResponse,
  ClientWithSecretResponse,
} from './dto/client.response';
import { CreateClientDto } from './dto/create-client.dto';
import { IssueClientTokenDto, UpdateClientDto } from './dto/update-client.dto';

/** Client administration (spec §3), `platform.admin` only. */
@ApiTags('oauth clients')
@Scopes('platform.admin')
@Controller('auth/oauth2')
export class ClientsController {
  constructor(
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(ClientTokensService) private readonly tokens: ClientTokensService,
  ) {}

  /** The secret appears in this answer only; it is stored as a digest. */
  @Post('clients')
  @Idempotent({ answersSecret: true })
  async create(
    @Body() dto: CreateClientDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.clients.create(dto, undefined, undefined, actor);
    return { ...clientView(client), ...(secret ? { client_secret: secret } : {}) };
  }

  @Get('clients')
  async list(): Promise<ClientResponse[]> {
    return (await this.clients.list()).map(clientView);
  }

  @Get('clients/:id')
  async get(@Param('id') id: string): Promise<ClientResponse> {
    return clientView(await this.clients.get(id));
  }

  @Patch('clients/:id')
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateClientDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientResponse> {
    return clientView(await this.clients.update(id, dto, actor));
  }

  @Delete('clients/:id')
  @HttpCode(204)
  remove(@Param('id') id: string, @AdminCaller() actor: AdminActor): Promise<void> {
    return this.clients.remove(id, actor);
  }

  /** Regenerates the secret and revokes every token the client holds (`000_*`). */
  @Post('clients/:id/secret')
  @HttpCode(200)
  async rotateSecret(
    @Param('id') id: string,
    @AdminCaller() actor: AdminActor,
  ): Promise<ClientWithSecretResponse> {
    const { client, secret } = await this.clients.rotateSecret(id, actor);
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
    return this.tokens.issue(id, dto, actor);
  }

  @Get('clients/:id/tokens')
  @ApiOkResponse({ type: [ClientTokenResponse] })
  listTokens(@Param('id') id: string): Promise<Record<string, unknown>[]> {
    return this.tokens.list(id);
  }

  @Delete('clients/:id/tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@Param('id') id: string, @Param('tokenId') tokenId: string): Promise<void> {
    return this.tokens.revoke(id, tokenId);
  }
}
