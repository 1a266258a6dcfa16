import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { CreateUserUseCase } from './usecases/create-user.usecase';
import { UpdateUserUseCase } from './usecases/update-user.usecase';
import { UsersRepository } from './users.repository';

/** The user directory (`002_*` "Usuários"). Writes need `platform.admin`. */
@ApiTags('usuarios')
@Scopes('users.suite')
@Controller('usuarios/v0.1/api/usuarios')
export class UsersController {
  constructor(
    private readonly users: UsersRepository,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  @Get()
  @ApiPageResponse(UserResponse)
  async list(@Query() query: ListQuery): Promise<Page<UserResponse>> {
    return mapPage(await this.users.list(query), toUserResponse);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`user '${id}' not found`);
    return toUserResponse(user);
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.createUser.execute(body));
  }

  @Patch(':id')
  @Scopes('platform.admin')
  async update(
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Principal() caller: Principal,
  ): Promise<UserResponse> {
    return toUserResponse(
      await this.updateUser.execute(id, body, caller.userId ?? caller.clientId),
    );
  }
}
