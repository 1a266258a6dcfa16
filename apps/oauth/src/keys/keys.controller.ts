import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { JWK } from 'jose';
import { Scopes } from '@platform/auth';
import { Public } from '@platform/http';
import { AdminActor, AdminCaller } from '../shared/admin-actor';
import { KeyStore } from './key-store';

@ApiTags('oauth')
@Controller('/auth/oauth2')
export class KeysController {
  constructor(@Inject(KeyStore) private readonly keys: KeyStore) {}

  /** RFC 7517 JWK set: the current and the previous signing key. */
  @Public()
  @Get('jwks')
  async jwks(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ keys: JWK[] }> {
    void reply
      .header('content-type', 'application/jwk-set+json')
      .header('cache-control', 'public, max-age=60');
    return this.keys.jwks();
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
