import { Controller, ForbiddenException, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';
import { PageQuery } from '../page-query.dto';

const platformAdmin = (s: SessionEntity): void => {
  if (!s.scopes.split(' ').includes('platform.admin'))
    throw new ForbiddenException('The audit log is for platform administrators.');
};

/** Screen 9: the audit log (spec §7) and the hash chain's verification, for `platform.admin`. */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class AuditController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('audit/events')
  async events(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    platformAdmin(s);
    const api = await this.gateway.for(s, { withContext: false });
    return relay(reply, api.GET('/audit/v1/events', { params: { query } }));
  }

  @Get('audit/verification')
  async verify(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    platformAdmin(s);
    return relay(
      reply,
      (await this.gateway.for(s, { withContext: false })).GET('/audit/v1/chain/verify'),
    );
  }
}
