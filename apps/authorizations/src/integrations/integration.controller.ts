import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isPlatformAdmin, Principal, Scopes } from '@platform/auth';
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
import { IntegrationRepository } from './integration.repository';
import { channelsOf, toCheckView, toRequestView, toRunView } from './integration.views';
import { ChannelRequestsUseCase } from './usecases/channel-requests.usecase';
import { HomologationRunsUseCase } from './usecases/homologation-runs.usecase';
import { UpdateChannelsUseCase } from './usecases/update-channels.usecase';

/**
 * A context's integration (`001_*` "Canais de integração", "Execução de testes"; ADR 15 stage 2):
 * its channels, its requests for Connect:Direct and SFTP, and its self-homologation. Reading needs
 * the context's admin or technician, changing it its admin (as management, spec §4); marking a
 * request done is for platform administrators, who also list every context's requests.
 */
@ApiTags('integration')
@Scopes('user-accounts.suite')
@Controller('user-accounts/v0.1/api/integration')
export class IntegrationController {
  constructor(
    private readonly caller: IntegrationCaller,
    private readonly scope: ManagementScope,
    private readonly integrations: IntegrationRepository,
    private readonly updateChannels: UpdateChannelsUseCase,
    private readonly channelRequests: ChannelRequestsUseCase,
    private readonly runs: HomologationRunsUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: IntegrationView })
  async get(@Principal() p: Principal): Promise<IntegrationView> {
    const ctx = await this.caller.contextOf(p, 'read');
    const [integration, run, checks, pending] = await Promise.all([
      this.integrations.find(ctx),
      this.integrations.latestRun(ctx),
      this.integrations.checks(ctx),
      this.integrations.pending(ctx),
    ]);
    return {
      context: ctx,
      channels: channelsOf(integration),
      homologated: Boolean(integration?.homologatedAt),
      homologatedAt: integration?.homologatedAt?.toISOString() ?? null,
      latestRun: run ? toRunView(run) : null,
      checks: checks.map(toCheckView),
      pendingRequests: pending.map((r) => toRequestView(r)),
    };
  }

  @Put()
  @ApiOkResponse({ type: IntegrationView })
  async update(
    @Principal() p: Principal,
    @Body() body: UpdateChannelsDto,
  ): Promise<IntegrationView> {
    const ctx = await this.caller.contextOf(p, 'write');
    await this.updateChannels.execute(ctx, { files: body.files, api: body.api }, actorOf(p));
    return this.get(p);
  }

  @Post('channel-requests')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ChannelRequestView })
  async request(
    @Principal() p: Principal,
    @Body() body: CreateChannelRequestDto,
  ): Promise<ChannelRequestView> {
    const ctx = await this.caller.contextOf(p, 'write');
    return toRequestView(
      await this.channelRequests.request(ctx, body.channel, body.message, actorOf(p)),
    );
  }

  /** The context's requests; a platform administrator without a context sees every context's. */
  @Get('channel-requests')
  @ApiPageResponse(ChannelRequestView)
  async requests(
    @Principal() p: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<ChannelRequestView>> {
    const scope = await this.scope.resolve(p, 'read');
    return mapPage(await this.integrations.requests(scope, query), (r) =>
      toRequestView(r, r.entityName),
    );
  }

  @Post('channel-requests/:id/done')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelRequestView })
  async done(
    @Principal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MarkChannelRequestDoneDto,
  ): Promise<ChannelRequestView> {
    if (!isPlatformAdmin(p))
      throw new ForbiddenException("Only the platform's administrators set up these channels.");
    return toRequestView(await this.channelRequests.done(id, body.note, actorOf(p)));
  }

  @Post('homologation/runs')
  @HttpCode(201)
  @ApiCreatedResponse({ type: HomologationRunView })
  async startRun(@Principal() p: Principal): Promise<HomologationRunView> {
    const ctx = await this.caller.contextOf(p, 'write');
    return toRunView(await this.runs.start(ctx, actorOf(p)));
  }
}
