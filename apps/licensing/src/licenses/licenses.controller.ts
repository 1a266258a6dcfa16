import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
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
import { Idempotent } from '@platform/http';
import { actorOf } from '../shared/actor';
import { assertMayCheckLicense } from '../shared/caller-scope';
import { Clock } from '../shared/clock';
import {
  CreateLicenseDto,
  LicenseQuery,
  RevokeLicenseDto,
  UpdateLicenseDto,
} from './dto/license.dto';
import { LicenseResponse, LicenseValidation, toLicenseResponse } from './dto/license.response';
import { validateLicense } from './license-status';
import { LicensesRepository } from './licenses.repository';
import { ChangeLicenseUseCase } from './usecases/change-license.usecase';
import { CreateLicenseUseCase } from './usecases/create-license.usecase';

/** Licenses (`002_*`): the latest of a context and system, its validation, admin changes. */
@ApiTags('licensing')
@Scopes('licenses.suite')
@Controller('licenses/v0.1/api/licensing')
export class LicensesController {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly createLicense: CreateLicenseUseCase,
    private readonly changeLicense: ChangeLicenseUseCase,
    private readonly clock: Clock,
  ) {}

  /** The latest license of a context and system; a service token may ask, as `validate`. */
  @Get()
  async latest(
    @Principal() caller: Principal,
    @Query() query: LicenseQuery,
  ): Promise<LicenseResponse> {
    assertMayCheckLicense(caller, query.entity, query.database);
    const license = await this.licenses.latest(query);
    if (!license) throw new NotFoundException('no license for this entity, database and system');
    return toLicenseResponse(license, this.clock.now());
  }

  /**
   * 200 when the latest license is active, 403 otherwise; the body says why (spec §4). A service
   * token may ask without `User-Access`, as `002_*` does; a user only about its own context.
   */
  @Get('validate')
  @ApiOkResponse({ type: LicenseValidation, description: 'The license is active.' })
  @ApiForbiddenResponse({ type: LicenseValidation, description: 'It is not: `code` says why.' })
  async validate(
    @Principal() caller: Principal,
    @Query() query: LicenseQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LicenseValidation> {
    assertMayCheckLicense(caller, query.entity, query.database);
    const result = validateLicense(await this.licenses.latest(query), this.clock.now());
    void reply.status(result.valid ? 200 : 403);
    return result;
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Scopes('platform.admin')
  async create(
    @Principal() caller: Principal,
    @Body() body: CreateLicenseDto,
  ): Promise<LicenseResponse> {
    return toLicenseResponse(
      await this.createLicense.execute(body, actorOf(caller)),
      this.clock.now(),
    );
  }

  @Patch(':id')
  @Scopes('platform.admin')
  async update(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateLicenseDto,
  ): Promise<LicenseResponse> {
    return toLicenseResponse(
      await this.changeLicense.update(id, body, actorOf(caller)),
      this.clock.now(),
    );
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Scopes('platform.admin')
  async revoke(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevokeLicenseDto,
  ): Promise<LicenseResponse> {
    const license = await this.changeLicense.revoke(id, body.reason, actorOf(caller));
    return toLicenseResponse(license, this.clock.now());
  }
}
