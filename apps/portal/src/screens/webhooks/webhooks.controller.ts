import {
  Body,
  Controller,
  Delete,
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

type SaveSubscription = components['schemas']['SaveSubscriptionDto'];
type RunHomologation = components['schemas']['RunHomologationDto'];

/**
 * Screen 4: webhook subscriptions (spec §6, `004_*`). Bodies go to webhooks as they are: it owns
 * the rules (https only, header names, rate limit bounds, timeout ≤ 30 s) and names each bad
 * field in its 400, which the SPA shows next to the field.
 */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class WebhooksController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('webhooks')
  async list(
    @CurrentSession() s: SessionEntity,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).GET('/api/v1/webhooks', { params: { query } }));
  }

  @Post('webhooks')
  async create(
    @CurrentSession() s: SessionEntity,
    @Body() body: SaveSubscription,
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).POST('/api/v1/webhooks', { body }));
  }

  @Get('webhooks/:id')
  async get(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/api/v1/webhooks/{id}', { params: { path: { id } } }),
    );
  }

  @Put('webhooks/:id')
  async replace(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: SaveSubscription,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).PUT('/api/v1/webhooks/{id}', { params: { path: { id } }, body }),
    );
  }

  @Delete('webhooks/:id')
  async remove(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }),
    );
  }

  @Post('webhooks/:id/secret/rotate')
  async rotate(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).POST('/api/v1/webhooks/{id}/secret/rotate', {
        params: { path: { id } },
      }),
    );
  }

  @Post('webhooks/:id/test')
  async test(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } }),
    );
  }

  /** Self-homologation of the receiver: webhooks runs the checks and returns their evidence. */
  @Post('webhooks/:id/homologation')
  async homologation(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: RunHomologation,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/api/v1/webhooks/{id}/homologation', { params: { path: { id } }, body }),
    );
  }

  @Get('webhooks/:id/deliveries')
  async deliveries(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Query() query: PageQuery,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } }),
    );
  }

  @Post('webhooks/:id/deliveries/:deliveryId/retry')
  async retry(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry', {
        params: { path: { id, deliveryId } },
      }),
    );
  }
}
