import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Param,
  ParseArrayPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { Idempotent } from '@platform/http';
import { SlowDown } from '../errors/oauth-errors';
import { AdminActor, AdminCaller } from '../shared/admin-actor';
import { CreateCustomerDto, UserIdentifierDto } from './dto/create-customer.dto';
import { CustomerCreatedResponse, CustomerResponse } from './dto/customer.response';
import { CreateCustomerUseCase } from './usecases/create-customer.usecase';
import { ListCustomersUseCase } from './usecases/list-customers.usecase';
import { MapUserIdentifiersUseCase } from './usecases/map-user-identifiers.usecase';

/** Customers of `003_*` (admin). */
@ApiTags('oauth customers')
@Scopes('platform.admin')
@Controller('auth/oauth2')
export class CustomersController {
  constructor(
    @Inject(CreateCustomerUseCase) private readonly createCustomer: CreateCustomerUseCase,
    @Inject(ListCustomersUseCase) private readonly listCustomers: ListCustomersUseCase,
  ) {}

  /** The customer_token appears in this answer only. */
  @Post('customers')
  @Idempotent({ answersSecret: true })
  create(
    @Body() dto: CreateCustomerDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<CustomerCreatedResponse> {
    return this.createCustomer.execute(dto.name, actor);
  }

  @Get('customers')
  list(): Promise<CustomerResponse[]> {
    return this.listCustomers.execute();
  }
}

/** `003_*` §5: `POST /{customerId}/users/identifiers?customerToken=`. */
@ApiTags('oauth customers')
@Controller()
export class IdentifiersController {
  constructor(
    @Inject(MapUserIdentifiersUseCase) private readonly mapIdentifiers: MapUserIdentifiersUseCase,
  ) {}

  @Post(':customerId/users/identifiers')
  @ApiBody({ type: [UserIdentifierDto] })
  async map(
    @Principal() principal: Principal,
    @AdminCaller() caller: AdminActor,
    @Param('customerId') customerId: string,
    @Query('customerToken') customerToken: string | undefined,
    @Body(
      new ParseArrayPipe({ items: UserIdentifierDto, whitelist: true, forbidNonWhitelisted: true }),
    )
    items: UserIdentifierDto[],
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserIdentifierDto[]> {
    try {
      return await this.mapIdentifiers.execute(principal, caller, customerId, customerToken, items);
    } catch (e) {
      // Too many wrong customer tokens from this source: RFC 9457 problem, 429 + Retry-After.
      if (!(e instanceof SlowDown)) throw e;
      void reply.header('retry-after', String(e.retryAfterSeconds));
      throw new HttpException(e.description, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
