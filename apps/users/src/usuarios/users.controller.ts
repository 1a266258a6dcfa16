import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { actorId, Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { CreateUserUseCase } from './usecases/create-user.usecase';
import { GetUserUseCase } from './usecases/get-user.usecase';
import { ListUsersUseCase } from './usecases/list-users.usecase';
import { UpdateUserUseCase } from './usecases/update-user.usecase';

/** The user directory (`002_*` "Usuários"). Writes need `platform.admin`. */
@ApiTags('usuarios')
@Scopes('users.suite')
@Controller('usuarios/v0.1/api')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly getUser: GetUserUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  @Get('usuarios')
  @ApiPageResponse(UserResponse)
  async list(@Query() query: ListQuery): Promise<Page<UserResponse>> {
    return mapPage(await this.listUsers.execute(query), toUserResponse);
  }

  @Get('usuarios/:id')
  async get(@Param('id') id: string): Promise<UserResponse> {
    return toUserResponse(await this.getUser.execute(id));
  }

  @Post('usuarios')
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.createUser.execute(body));
  }

  @Patch('usuarios/:id')
  @Scopes('platform.admin')
  async update(
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Principal() caller: Principal,
  ): Promise<UserResponse> {
    return toUserResponse(await this.updateUser.execute(id, body, actorId(caller)));
  }
}
