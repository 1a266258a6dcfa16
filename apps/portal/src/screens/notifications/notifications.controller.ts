import {
  Controller,
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
import { NotificationStream } from './notification-stream';

/** Screen 7: the inbox (spec §4 notifications), its unread count and the live stream. */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class NotificationsController {
  constructor(
    @Inject(GatewayClients) private readonly gateway: GatewayClients,
    @Inject(NotificationStream) private readonly streams: NotificationStream,
  ) {}

  @Get('notifications')
  async list(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/notifications/api/messages', { params: { query } }),
    );
  }

  @Get('notifications/unread')
  async unread(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/notifications/api/messages/unreads', { params: { query } }),
    );
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  async read(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).POST('/notifications/api/messages/{id}/read', {
        params: { path: { id } },
      }),
    );
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  async readAll(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).POST('/notifications/api/messages/read-all'));
  }

  /** Server-sent events, held open for hours (heartbeats) and ended with the session or access. */
  @Get('notifications/stream')
  async stream(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply): Promise<void> {
    await this.streams.relay(s, reply);
  }
}
