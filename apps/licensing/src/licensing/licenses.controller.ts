import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal, Scopes } from '@platform/auth';
import { Clock, Idempotent } from '@platform/http';
import { actorOf } from '../shared/actor';
import {
  CreateLicenseDto,
  LicenseQuery,
  RevokeLicenseDto,
  UpdateLicenseDto,
} from './dto/license.dto';
import { LicenseResponse, LicenseValidation, toLicenseResponse } from './dto/license.response';
import { CreateLicenseUseCase } from './usecases/create-license.usecase';
import { GetLatestLicenseUseCase } from './usecases/get-latest-license.usecase';
import { RevokeLicenseUseCase } from './usecases/revoke-license.usecase';
import { UpdateLicenseUseCase } from './usecases/update-license.usecase';
import { ValidateLicenseUseCase } from './usecases/validate-license.usecase';

/** Licenses (`002_*`): the latest of a context and system, its validation, admin changes. */
@ApiTags('licensing')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api')
export class LicensesController {
  constructor(
    private readonly getLatestLicense: GetLatestLicenseUseCase,
    private readonly validateLicense: ValidateLicenseUseCase,
    private readonly createLicense: CreateLicenseUseCase,
    private readonly updateLicense: UpdateLicenseUseCase,
    private readonly revokeLicense: RevokeLicenseUseCase,
    private readonly clock: Clock,
  ) {}

  /** The latest license of a context and system; a service token may ask, as `validate`. */
  @Get('licensing')
  async latest(
    @Principal() caller: Principal,
    @Query() query: LicenseQuery,
  ): Promise<LicenseResponse> {
    const license = await this.getLatestLicense.execute(caller, query);
    return toLicenseResponse(license, this.clock.now());
  }

  /**
   * 200 when the latest license is active, 403 otherwise; the body says why (spec §4). A service
   * token may ask without `User-Access`, as `002_*` does; a user only about its own context.
   */
  @Get('licensing/validate')
  @ApiOkResponse({ type: LicenseValidation, description: 'The license is active.' })
  @ApiForbiddenResponse({ type: LicenseValidation, description: 'It is not: `code` says why.' })
  async validate(
    @Principal() caller: Principal,
    @Query() query: LicenseQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LicenseValidation> {
    const result = await this.validateLicense.execute(caller, query);
    void reply.status(result.valid ? 200 : 403);
    return result;
  }

  @Post('licensing')
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateLicenseDto,
  ): Promise<LicenseResponse> {
    const license = await this.createLicense.execute(body, actorOf(caller));
    return toLicenseResponse(license, this.clock.now());
  }

  @Patch('licensing/:id')
  @Scopes('platform.admin')
  async update(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateLicenseDto,
  ): Promise<LicenseResponse> {
    const license = await this.updateLicense.execute(id, body, actorOf(caller));
    return toLicenseResponse(license, this.clock.now());
  }

  @Post('licensing/:id/revoke')
  @HttpCode(200)
  @Scopes('platform.admin')
  async revoke(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevokeLicenseDto,
  ): Promise<LicenseResponse> {
    const license = await this.revokeLicense.execute(id, body.reason, actorOf(caller));
    return toLicenseResponse(license, this.clock.now());
  }
}
