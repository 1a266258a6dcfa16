import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';
import { PageQuery } from '../page-query.dto';

/** Screens 1 and 6: the user's own accesses (context picker), the context's accesses and requests. */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class AccessesController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('me/accesses')
  async mine(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s, { withContext: false });
    return relay(
      reply,
      api.GET('/user-accounts/v0.1/api/suite/users/@me/access', {
        params: { query: { limit: 100, ...query } },
      }),
    );
  }

  @Get('accesses')
  async list(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.GET('/user-accounts/v0.1/api/management/access', { params: { query } }),
    );
  }

  @Delete('accesses/:id')
  @HttpCode(204)
  async revoke(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.DELETE('/user-accounts/v0.1/api/management/access/{id}', { params: { path: { id } } }),
    );
  }

  @Get('access-requests')
  async requests(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.GET('/user-accounts/v0.1/api/management/request', { params: { query } }),
    );
  }

  @Post('access-requests/:id/allow')
  async allow(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/user-accounts/v0.1/api/management/request/{id}/allow', {
        params: { path: { id } },
      }),
    );
  }

  @Post('access-requests/:id/deny')
  async deny(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/user-accounts/v0.1/api/management/request/{id}/deny', {
        params: { path: { id } },
      }),
    );
  }
}
