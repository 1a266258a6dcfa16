import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import type { Page } from '@platform/http';
import { ApiPageResponse, Idempotent, ListQuery } from '@platform/http';
import { ownerScopeOf } from '../subscriptions/owner-scope';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryEntity } from './delivery.entity';
import { DeliveryResponse, toDeliveryResponse } from './delivery.response';
import { ReplayDeliveriesDto, ReplayDeliveriesResponse } from './dto/replay-deliveries.dto';
import { ReplayDeliveriesUseCase } from './replay-deliveries.usecase';
import { RetryDeliveryUseCase, SendTestUseCase } from './usecases';

const uuid = new ParseUUIDPipe();

/** The delivery log of one subscription, manual retries and test pings (spec §6). */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1/webhooks/:id')
export class DeliveriesController {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly retry: RetryDeliveryUseCase,
    private readonly test: SendTestUseCase,
    private readonly replay: ReplayDeliveriesUseCase,
  ) {}

  @Get('deliveries')
  @ApiPageResponse(DeliveryResponse)
  async list(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ListQuery,
  ): Promise<Page<DeliveryResponse>> {
    const s = await this.subscriptions.get(ownerScopeOf(caller, 'read'), id);
    const page = await this.deliveries.list(s.id, query);
    const attempts = await this.deliveries.attemptsOf(page.content.map((d) => d.id));
    return {
      ...page,
      content: page.content.map((d) => toDeliveryResponse(d, attempts.get(d.id) ?? [])),
    };
  }

  @Post('deliveries/:deliveryId/retry')
  @HttpCode(202)
  async retryDelivery(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Param('deliveryId', uuid) deliveryId: string,
  ): Promise<DeliveryResponse> {
    return this.respond(await this.retry.execute(caller, id, deliveryId));
  }

  /** Bulk replay of the failed deliveries in a window (replay-deliveries.usecase.ts). */
  @Post('deliveries/replay')
  @HttpCode(202)
  @Idempotent()
  replayDeliveries(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ReplayDeliveriesDto,
  ): Promise<ReplayDeliveriesResponse> {
    return this.replay.execute(caller, id, body);
  }

  @Post('test')
  @HttpCode(202)
  async sendTest(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<DeliveryResponse> {
    return this.respond(await this.test.execute(caller, id));
  }

  private async respond(d: DeliveryEntity): Promise<DeliveryResponse> {
    return toDeliveryResponse(d, (await this.deliveries.attemptsOf([d.id])).get(d.id) ?? []);
  }
}
