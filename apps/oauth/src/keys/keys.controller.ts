import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scopes } from '@platform/auth';
import { Public } from '@platform/http';
import { AdminActor, AdminCaller } from '../shared/admin-actor';
import { JwksResponse } from './jwks.response';
import { KeyStore } from './key-store';

@ApiTags('oauth')
@Controller('auth/oauth2')
export class KeysController {
  constructor(@Inject(KeyStore) private readonly keys: KeyStore) {}

  /** RFC 7517 JWK set: the current and the previous signing key. */
  @Public()
  @Get('jwks')
  @ApiProduces('application/jwk-set+json')
  @ApiOkResponse({ type: JwksResponse })
  async jwks(@Res({ passthrough: true }) reply: FastifyReply): Promise<JwksResponse> {
    void reply
      .header('content-type', 'application/jwk-set+json')
      .header('cache-control', 'public, max-age=60');
    return (await this.keys.jwks()) as JwksResponse;
  }

  /** Rotates the signing key now; the previous one stays in the JWKS. */
  @Scopes('platform.admin')
  @Post('keys/rotate')
  @HttpCode(200)
  async rotate(@AdminCaller() actor: AdminActor): Promise<{ kid: string }> {
    const { kid } = await this.keys.rotate('requested', actor);
    return { kid };
  }
}
