import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, ListQuery, mapPage, Page } from '@platform/http';
import { ManagementScope } from '../shared/management-scope';
import {
  ChannelRequestView,
  CreateChannelRequestDto,
  HomologationRunView,
  IntegrationView,
  MarkChannelRequestDoneDto,
  UpdateChannelsDto,
} from './dto/integration.dto';
import { actorOf, IntegrationCaller } from './integration-caller';
import { toRequestView, toRunView } from './integration.views';
import { CompleteChannelRequestUseCase } from './usecases/complete-channel-request.usecase';
import { GetIntegrationUseCase } from './usecases/get-integration.usecase';
import { ListChannelRequestsUseCase } from './usecases/list-channel-requests.usecase';
import { RequestChannelUseCase } from './usecases/request-channel.usecase';
import { StartHomologationRunUseCase } from './usecases/start-homologation-run.usecase';
import { UpdateChannelsUseCase } from './usecases/update-channels.usecase';

/**
 * A context's integration (`001_*` "Canais de integração", "Execução de testes"; ADR 15 stage 2):
 * its channels, its requests for Connect:Direct and SFTP, and its self-homologation. Reading needs
 * the context's admin or technician, changing it its admin (as management, spec §4); marking a
 * request done is for platform administrators, who also list every context's requests.
 */
@ApiTags('integration')
@Scopes('user-accounts.suite')
@Controller('user-accounts/v0.1/api')
export class IntegrationController {
  constructor(
    private readonly caller: IntegrationCaller,
    private readonly scope: ManagementScope,
    private readonly getIntegration: GetIntegrationUseCase,
    private readonly updateChannels: UpdateChannelsUseCase,
    private readonly requestChannel: RequestChannelUseCase,
    private readonly listChannelRequests: ListChannelRequestsUseCase,
    private readonly completeChannelRequest: CompleteChannelRequestUseCase,
    private readonly startHomologationRun: StartHomologationRunUseCase,
  ) {}

  @Get('integration')
  @ApiOkResponse({ type: IntegrationView })
  async get(@Principal() p: Principal): Promise<IntegrationView> {
    return this.getIntegration.execute(await this.caller.contextOf(p, 'read'));
  }

  @Put('integration')
  @ApiOkResponse({ type: IntegrationView })
  async update(
    @Principal() p: Principal,
    @Body() body: UpdateChannelsDto,
  ): Promise<IntegrationView> {
    const ctx = await this.caller.contextOf(p, 'write');
    await this.updateChannels.execute(ctx, { files: body.files, api: body.api }, actorOf(p));
    return this.getIntegration.execute(ctx);
  }

  @Post('integration/channel-requests')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ChannelRequestView })
  async request(
    @Principal() p: Principal,
    @Body() body: CreateChannelRequestDto,
  ): Promise<ChannelRequestView> {
    const ctx = await this.caller.contextOf(p, 'write');
    return toRequestView(
      await this.requestChannel.execute(ctx, body.channel, body.message, actorOf(p)),
    );
  }

  /** The context's requests; a platform administrator without a context sees every context's. */
  @Get('integration/channel-requests')
  @ApiPageResponse(ChannelRequestView)
  async requests(
    @Principal() p: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<ChannelRequestView>> {
    const scope = await this.scope.resolve(p, 'read');
    return mapPage(await this.listChannelRequests.execute(scope, query), (r) =>
      toRequestView(r, r.entityName),
    );
  }

  @Post('integration/channel-requests/:id/done')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelRequestView })
  async done(
    @Principal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MarkChannelRequestDoneDto,
  ): Promise<ChannelRequestView> {
    return toRequestView(await this.completeChannelRequest.execute(p, id, body.note));
  }

  @Post('integration/homologation/runs')
  @HttpCode(201)
  @ApiCreatedResponse({ type: HomologationRunView })
  async startRun(@Principal() p: Principal): Promise<HomologationRunView> {
    const ctx = await this.caller.contextOf(p, 'write');
    return toRunView(await this.startHomologationRun.execute(ctx, actorOf(p)));
  }
}
