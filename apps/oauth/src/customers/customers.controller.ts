import { Body, Controller, Get, Inject, Param, ParseArrayPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, UserIdentifierDto } from './dto/create-customer.dto';
import { IdentifiersService } from './identifiers.service';

/** Customers of `003_*` (admin). */
@ApiTags('oauth customers')
@Scopes('platform.admin')
@Controller('/auth/oauth2/customers')
export class CustomersController {
  constructor(@Inject(CustomersService) private readonly customers: CustomersService) {}

  /** The customer_token appears in this answer only. */
  @Post()
  create(@Body() dto: CreateCustomerDto): Promise<Record<string, unknown>> {
    return this.customers.create(dto.name);
  }

  @Get()
  list(): Promise<Record<string, unknown>[]> {
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
  map(
    @Principal() principal: Principal,
    @Param('customerId') customerId: string,
    @Query('customerToken') customerToken: string | undefined,
    @Body(new ParseArrayPipe({ items: UserIdentifierDto, whitelist: true, forbidNonWhitelisted: true })) items: UserIdentifierDto[],
  ): Promise<UserIdentifierDto[]> {
    return this.identifiers.map(principal, customerId, customerToken, items);
  }
}
