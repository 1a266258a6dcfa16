import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { actor, ManagementScope, me } from '../shared/management-scope';
import {
  AccessRequestResponse,
  CreateAccessRequestDto,
  toRequestResponse,
} from './dto/request.dto';
import { RequestsRepository } from './requests.repository';
import { CreateRequestUseCase } from './usecases/create-request.usecase';
import { DecideRequestUseCase } from './usecases/decide-request.usecase';

/** Access requests (`002_*`): a user asks, the context's admins list and decide. */
@ApiTags('requests')
@Scopes('user-accounts.suite')
@Controller('user-accounts/v0.1/api')
export class RequestsController {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly scope: ManagementScope,
    private readonly createRequest: CreateRequestUseCase,
    private readonly decideRequest: DecideRequestUseCase,
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
    return mapPage(await this.requests.inScope(scope, query), toRequestResponse);
  }

  @Post('management/request/:id/allow')
  @HttpCode(200)
  async allow(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessRequestResponse> {
    const scope = await this.scope.resolve(caller, 'write');
    return toRequestResponse(await this.decideRequest.allow(scope, id, actor(caller)));
  }

  @Post('management/request/:id/deny')
  @HttpCode(200)
  async deny(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessRequestResponse> {
    const scope = await this.scope.resolve(caller, 'write');
    return toRequestResponse(await this.decideRequest.deny(scope, id, actor(caller)));
  }
}
