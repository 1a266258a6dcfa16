import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';

/** Screen 1's home: the entity of the chosen context (`002_*` entidades/atual). */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class HomeController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('home/entity')
  async entity(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).GET('/licenses/v0.1/api/entidades/atual'));
  }
}
