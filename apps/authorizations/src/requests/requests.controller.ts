import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { actorId, Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { ManagementScope, me } from '../shared/management-scope';
import {
  AccessRequestResponse,
  CreateAccessRequestDto,
  toRequestResponse,
} from './dto/request.dto';
import { CreateRequestUseCase } from './usecases/create-request.usecase';
import { AllowRequestUseCase } from './usecases/allow-request.usecase';
import { DenyRequestUseCase } from './usecases/deny-request.usecase';
import { ListRequestsUseCase } from './usecases/list-requests.usecase';

/** Access requests (`002_*`): a user asks, the context's admins list and decide. */
@ApiTags('requests')
@Scopes('user-accounts.suite')
@Controller('user-accounts/v0.1/api')
export class RequestsController {
  constructor(
    private readonly listRequests: ListRequestsUseCase,
    private readonly scope: ManagementScope,
    private readonly createRequest: CreateRequestUseCase,
    private readonly allowRequest: AllowRequestUseCase,
    private readonly denyRequest: DenyRequestUseCase,
  ) {}

  @Post('suite/users/@me/requests')
  @HttpCode(201)
  @Idempotent()
  async ask(
    @Principal() caller: Principal,
    @Body() body: CreateAccessRequestDto,
  ): Promise<AccessRequestResponse> {
    return toRequestResponse(await this.createRequest.execute(me(caller), body));
  }

  @Get('management/request')
  @ApiPageResponse(AccessRequestResponse)
  async list(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<AccessRequestResponse>> {
    const scope = await this.scope.resolve(caller, 'read');
    return mapPage(await this.listRequests.execute(scope, query), toRequestResponse);
  }

  @Post('management/request/:id/allow')
  @HttpCode(200)
  async allow(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessRequestResponse> {
    const scope = await this.scope.resolve(caller, 'write');
    return toRequestResponse(await this.allowRequest.execute(scope, id, actorId(caller)));
  }

  @Post('management/request/:id/deny')
  @HttpCode(200)
  async deny(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessRequestResponse> {
    const scope = await this.scope.resolve(caller, 'write');
    return toRequestResponse(await this.denyRequest.execute(scope, id, actorId(caller)));
  }
}
