import { Body, Controller, Delete, Get, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { components } from '../../gateway/gateway-api';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { SessionEntity } from '../../session/session.entity';
import { CurrentSession, SessionGuard } from '../../session/session.guard';

type CreateClient = components['schemas']['CreateClientDto'];
type IssueToken = components['schemas']['IssueClientTokenDto'];
type CheckToken = components['schemas']['CheckTokenDto'];

const path = (id: string) => ({ params: { path: { id } } });

/**
 * Screen 2: the context's own applications (ADR 15 stage 2), through oauth's
 * `/auth/oauth2/context/clients*`: the context's admin lists, creates, regenerates and deletes
 * them and issues and revokes their client access tokens. oauth owns the rules (which scopes and
 * grants a context admin may give) and names each bad field in its 400.
 */
@Controller('portal/api')
@UseGuards(SessionGuard)
export class ApplicationsController {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  @Get('applications')
  async list(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).GET('/auth/oauth2/context/clients'));
  }

  /** The scopes this user may give an application here (a context admin: a safe subset). */
  @Get('applications/scopes')
  async scopes(@CurrentSession() s: SessionEntity, @Res() reply: FastifyReply) {
    return relay(reply, (await this.gateway.for(s)).GET('/auth/oauth2/context/scopes'));
  }

  @Post('applications')
  async create(
    @CurrentSession() s: SessionEntity,
    @Body() body: CreateClient,
    @Res() reply: FastifyReply,
  ) {
    return relay(reply, (await this.gateway.for(s)).POST('/auth/oauth2/context/clients', { body }));
  }

  @Delete('applications/:id')
  async remove(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(reply, api.DELETE('/auth/oauth2/context/clients/{id}', path(id)));
  }

  /** `000_*`: the secret "can be regenerated at any time"; the new one is shown once. */
  @Post('applications/:id/secret')
  async regenerate(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(reply, api.POST('/auth/oauth2/context/clients/{id}/secret', path(id)));
  }

  @Get('applications/:id/tokens')
  async tokens(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(reply, api.GET('/auth/oauth2/context/clients/{id}/tokens', path(id)));
  }

  @Post('applications/:id/tokens')
  async issue(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: IssueToken,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/auth/oauth2/context/clients/{id}/tokens', { ...path(id), body }),
    );
  }

  @Delete('applications/:id/tokens/:tokenId')
  async revoke(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Param('tokenId') tokenId: string,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.DELETE('/auth/oauth2/context/clients/{id}/tokens/{tokenId}', {
        params: { path: { id, tokenId } },
      }),
    );
  }

  /**
   * Self-homologation, the application's steps: oauth gets a token with the secret the integrator
   * typed (relayed once, never kept or logged here) and reads each API of its scopes.
   */
  @Post('applications/:id/checks/token')
  async checkToken(
    @CurrentSession() s: SessionEntity,
    @Param('id') id: string,
    @Body() body: CheckToken,
    @Res() reply: FastifyReply,
  ) {
    const api = await this.gateway.for(s);
    return relay(
      reply,
      api.POST('/auth/oauth2/context/clients/{id}/checks/token', { ...path(id), body }),
    );
  }
}
