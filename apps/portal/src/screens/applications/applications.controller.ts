import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PortalEnv } from '../../config';
import type { components } from '../../gateway/gateway-api';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';

type CreateClient = components['schemas']['CreateClientDto'];
type IssueToken = components['schemas']['IssueClientTokenDto'];

/**
 * Screen 2: applications (OAuth clients). Today oauth's client API needs `platform.admin`
 * (spec §2), so only platform administrators get past the gateway; contexts owning their
 * clients is stage 2 (ADR 0015). Bodies are checked by oauth, whose 400s name each field.
 */
@Controller('portal/api/applications')
@UseGuards(SessionGuard)
export class ApplicationsController {
  constructor(
    @Inject(GatewayClients) private readonly gateway: GatewayClients,
    @Inject(PortalEnv) private readonly env: PortalEnv,
  ) {}

  /** The portal's own client is set by its configuration: a new secret here would lock it out. */
  private notThePortal(id: string): void {
    if (id === this.env.PORTAL_CLIENT_ID)
      throw new ConflictException(
        "The portal's own client is managed by its configuration (PORTAL_CLIENT_SECRET).",
      );
  }

  @Get()
  async list(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).GET('/auth/oauth2/clients'));
  }

  @Post()
  async create(
    @CurrentSession() s: SessionEntity,
    @Body() body: CreateClient,
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).POST('/auth/oauth2/clients', { body }));
  }

  @Get(':id')
  async get(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/auth/oauth2/clients/{id}', { params: { path: { id } } }),
    );
  }

  /** `000_*`: the secret "can be regenerated at any time"; the new one is shown once. */
  @Post(':id/secret')
  async regenerate(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    this.notThePortal(id);
    return relay(
      reply,
      (await this.gateway.for(s)).POST('/auth/oauth2/clients/{id}/secret', {
        params: { path: { id } },
      }),
    );
  }

  @Get(':id/tokens')
  async tokens(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).GET('/auth/oauth2/clients/{id}/tokens', {
        params: { path: { id } },
      }),
    );
  }

  @Post(':id/tokens')
  async issue(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: IssueToken,
    @Res() reply: FastifyReply,
  ) {
    return relay(
      reply,
      (await this.gateway.for(s)).POST('/auth/oauth2/clients/{id}/tokens', {
        params: { path: { id } },
        body,
      }),
    );
  }

  @Delete(':id/tokens/:tokenId')
  async revoke(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Param('tokenId') tokenId: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.DELETE('/auth/oauth2/clients/{id}/tokens/{tokenId}', {
        params: { path: { id, tokenId } },
      }),
    );
  }
}
