import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';
import { PageQuery } from '../page-query.dto';

/** Screen 8: the context's licenses and their state (valid, expired, revoked, not yet valid). */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class LicensesController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('licenses')
  async list(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const { limit, offset } = query;
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/licenses/v0.1/api/licensing/context', {
        params: { query: { limit, offset } },
      }),
    );
  }
}
