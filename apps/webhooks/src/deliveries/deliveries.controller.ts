import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, type Page } from '@platform/http';
import { DeliveryResponse, toDeliveryResponse } from './delivery.response';
import { ReplayDeliveriesDto, ReplayDeliveriesResponse } from './dto/replay-deliveries.dto';
import type { DeliveryView } from './usecases/delivery-view';
import { ListDeliveriesUseCase } from './usecases/list-deliveries.usecase';
import { ReplayDeliveriesUseCase } from './usecases/replay-deliveries.usecase';
import { RetryDeliveryUseCase } from './usecases/retry-delivery.usecase';
import { SendTestUseCase } from './usecases/send-test.usecase';

const uuid = new ParseUUIDPipe();

const respond = ({ delivery, attempts }: DeliveryView): DeliveryResponse =>
  toDeliveryResponse(delivery, attempts);

/** The delivery log of one subscription, manual retries and test pings (spec §6). */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1')
export class DeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveriesUseCase,
    private readonly retry: RetryDeliveryUseCase,
    private readonly test: SendTestUseCase,
    private readonly replay: ReplayDeliveriesUseCase,
  ) {}

  @Get('webhooks/:id/deliveries')
  @ApiPageResponse(DeliveryResponse)
  async list(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ListQuery,
  ): Promise<Page<DeliveryResponse>> {
    return mapPage(await this.listDeliveries.execute(caller, id, query), respond);
  }

  @Post('webhooks/:id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  async retryDelivery(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Param('deliveryId', uuid) deliveryId: string,
  ): Promise<DeliveryResponse> {
    return respond(await this.retry.execute(caller, id, deliveryId));
  }

  /** Bulk replay of the failed deliveries in a window (replay-deliveries.usecase.ts). */
  @Post('webhooks/:id/deliveries/replay')
  @HttpCode(202)
  @Idempotent()
  replayDeliveries(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ReplayDeliveriesDto,
  ): Promise<ReplayDeliveriesResponse> {
    return this.replay.execute(caller, id, body);
  }

  @Post('webhooks/:id/test')
  @HttpCode(202)
  async sendTest(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<DeliveryResponse> {
    return respond(await this.test.execute(caller, id));
  }
}
