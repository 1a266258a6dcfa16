import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, type Page } from '@platform/http';
import { SubscriptionSecrets } from '../engine/subscription-secrets';
import { SaveSubscriptionDto } from './dto/save-subscription.dto';
import {
  RotatedSecretResponse,
  SubscriptionResponse,
  toSubscriptionResponse,
} from './dto/subscription.response';
import type { SubscriptionEntity } from './subscription.entity';
import { CreateSubscriptionUseCase } from './usecases/create-subscription.usecase';
import { DeleteSubscriptionUseCase } from './usecases/delete-subscription.usecase';
import { GetSubscriptionUseCase } from './usecases/get-subscription.usecase';
import { ListSubscriptionsUseCase } from './usecases/list-subscriptions.usecase';
import { ReplaceSubscriptionUseCase } from './usecases/replace-subscription.usecase';
import { RotateSecretUseCase } from './usecases/rotate-secret.usecase';

const uuid = new ParseUUIDPipe({ version: '4' });

/**
 * Webhook subscriptions (spec §6, `004_*`), each owned by the caller's context: its admin (or
 * `platform.admin`) manages them, its admin or technician reads them (`owner-scope.ts`).
 */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1')
export class SubscriptionsController {
  constructor(
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly listSubscriptions: ListSubscriptionsUseCase,
    private readonly getSubscription: GetSubscriptionUseCase,
    private readonly replaceSubscription: ReplaceSubscriptionUseCase,
    private readonly deleteSubscription: DeleteSubscriptionUseCase,
    private readonly rotate: RotateSecretUseCase,
    private readonly secrets: SubscriptionSecrets,
  ) {}

  @Post('webhooks')
  @HttpCode(201)
  @Idempotent({ answersSecret: true })
  async create(
    @Principal() caller: Principal,
    @Body() body: SaveSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    const { subscription, secret } = await this.createSubscription.execute(caller, body);
    return this.response(subscription, secret);
  }

  @Get('webhooks')
  @ApiPageResponse(SubscriptionResponse)
  async list(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<SubscriptionResponse>> {
    return mapPage(await this.listSubscriptions.execute(caller, query), (s) => this.response(s));
  }

  @Get('webhooks/:id')
  async get(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<SubscriptionResponse> {
    return this.response(await this.getSubscription.execute(caller, id));
  }

  @Put('webhooks/:id')
  async replace(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
    @Body() body: SaveSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return this.response(await this.replaceSubscription.execute(caller, id, body));
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  async remove(@Principal() caller: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.deleteSubscription.execute(caller, id);
  }

  @Post('webhooks/:id/secret/rotate')
  @HttpCode(200)
  rotateSecret(
    @Principal() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<RotatedSecretResponse> {
    return this.rotate.execute(caller, id);
  }

  private response(s: SubscriptionEntity, secret?: string): SubscriptionResponse {
    return toSubscriptionResponse(s, this.secrets.clientHeaders(s), secret);
  }
}
