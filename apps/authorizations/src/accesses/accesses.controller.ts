import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorId, Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { ManagementScope, me } from '../shared/management-scope';
import { AccessResponse, GrantAccessDto, toAccessResponse } from './dto/access.dto';
import { GrantAccessUseCase, roleOf } from './usecases/grant-access.usecase';
import { ListAccessesUseCase } from './usecases/list-accesses.usecase';
import { ListMyAccessesUseCase } from './usecases/list-my-accesses.usecase';
import { RevokeAccessUseCase } from './usecases/revoke-access.usecase';

/** Accesses (`002_*` "Autorizações"): the caller's own, and management of a context's. */
@ApiTags('access')
@Scopes('user-accounts.suite')
@Controller('user-accounts/v0.1/api')
export class AccessesController {
  constructor(
    private readonly listMyAccesses: ListMyAccessesUseCase,
    private readonly listAccesses: ListAccessesUseCase,
    private readonly scope: ManagementScope,
    private readonly grantAccess: GrantAccessUseCase,
    private readonly revokeAccess: RevokeAccessUseCase,
  ) {}

  /** Every access of the current user, whatever the context (`002_*`). */
  @Get('suite/users/@me/access')
  @ApiPageResponse(AccessResponse)
  async mine(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<AccessResponse>> {
    return mapPage(await this.listMyAccesses.execute(me(caller), query), toAccessResponse);
  }

  /** The context's accesses, each with `lastActivityAt` (`002_*` "últimas atividades"). */
  @Get('management/access')
  @ApiPageResponse(AccessResponse)
  async list(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<AccessResponse>> {
    const scope = await this.scope.resolve(caller, 'read');
    return mapPage(await this.listAccesses.execute(scope, query), toAccessResponse);
  }

  @Post('management/access')
  @HttpCode(201)
  @Idempotent()
  @ApiCreatedResponse({ type: AccessResponse })
  async grant(
    @Principal() caller: Principal,
    @Body() body: GrantAccessDto,
  ): Promise<AccessResponse> {
    const scope = await this.scope.resolve(caller, 'write');
    const input = {
      user: body.user,
      role: roleOf(body.admin, body.role),
      context: body.context,
      grantedBy: actorId(caller),
    };
    return toAccessResponse(await this.grantAccess.execute(scope, input));
  }

  @Delete('management/access/:id')
  @HttpCode(204)
  async revoke(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const scope = await this.scope.resolve(caller, 'write');
    await this.revokeAccess.execute(scope, id, actorId(caller));
  }
}
