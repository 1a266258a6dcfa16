import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { components } from '../../gateway/gateway-api';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';
import { PageQuery } from '../page-query.dto';

type Schemas = components['schemas'];
const API = '/user-accounts/v0.1/api/integration';

/**
 * Screens 3 and 5 (ADR 15 stage 2): the context's integration channels (`001_*` step 1), its
 * Connect:Direct/SFTP requests, and the self-homologation runs — all kept by authorizations,
 * which also decides who may change them. Platform administrators list every context's pending
 * requests (without a context) and mark them done.
 */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class IntegrationController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('integration')
  async get(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).GET(API));
  }

  @Put('integration')
  async update(
    @CurrentSession() s: SessionEntity,
    @Body() body: Schemas['UpdateChannelsDto'],
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).PUT(API, { body }));
  }

  @Post('integration/channel-requests')
  async request(
    @CurrentSession() s: SessionEntity,
    @Body() body: Schemas['CreateChannelRequestDto'],
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).POST(`${API}/channel-requests`, { body }));
  }

  /** Every context's requests, for a platform administrator (asked without a context). */
  @Get('integration/channel-requests')
  async requests(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s, { withContext: false });
    return relay(reply, api.GET(`${API}/channel-requests`, { params: { query } }));
  }

  @Post('integration/channel-requests/:id/done')
  async done(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: Schemas['MarkChannelRequestDoneDto'],
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s, { withContext: false });
    return relay(
      reply,
      api.POST(`${API}/channel-requests/{id}/done`, { params: { path: { id } }, body }),
    );
  }

  /** Starts a self-homologation run: the services' checks count for it (authorizations). */
  @Post('integration/homologation/runs')
  async startRun(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).POST(`${API}/homologation/runs`));
  }
}
