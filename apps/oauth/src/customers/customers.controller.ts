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
import { CustomersService } from './customers.service';
import { CreateCustomerDto, UserIdentifierDto } from './dto/create-customer.dto';
import { CustomerCreatedResponse, CustomerResponse } from './dto/customer.response';
import { IdentifiersService } from './identifiers.service';

/** Customers of `003_*` (admin). */
@ApiTags('oauth customers')
@Scopes('platform.admin')
@Controller('auth/oauth2')
export class CustomersController {
  constructor(@Inject(CustomersService) private readonly customers: CustomersService) {}

  /** The customer_token appears in this answer only. */
  @Post('customers')
  @Idempotent({ answersSecret: true })
  create(
    @Body() dto: CreateCustomerDto,
    @AdminCaller() actor: AdminActor,
  ): Promise<CustomerCreatedResponse> {
    return this.customers.create(dto.name, actor);
  }

  @Get('customers')
  list(): Promise<CustomerResponse[]> {
    return this.customers.list();
  }
}

/** `003_*` §5: `POST /{customerId}/users/identifiers?customerToken=`. */
@ApiTags('oauth customers')
@Controller()
export class IdentifiersController {
  constructor(@Inject(IdentifiersService) private readonly identifiers: IdentifiersService) {}

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
      return await this.identifiers.map(principal, caller, customerId, customerToken, items);
    } catch (e) {
      // Too many wrong customer tokens from this source: RFC 9457 problem, 429 + Retry-After.
      if (!(e instanceof SlowDown)) throw e;
      void reply.header('retry-after', String(e.retryAfterSeconds));
      throw new HttpException(e.description, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
