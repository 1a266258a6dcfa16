import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@platform/http';
import { ClientAuthenticator } from '../clients/client-authenticator';
import { InvalidClient, InvalidRequest, OAuthError } from '../errors/oauth-errors';
import { OAuthErrorFilter } from '../errors/oauth-error.filter';
import { ApiOAuthErrors } from '../errors/oauth-error.response';
import { TokenForm } from './dto/token.dto';
import { IntrospectionResponse, RevocationResponse, TokenInfoResponse } from './dto/token.response';
import { field } from './grants/grant';
import { TokenInspector } from './token-inspector';
import { mayManage, TokenRevoker } from './token-revoker';

class InvalidToken extends OAuthError {
  readonly error = 'invalid_token';
}

@ApiTags('oauth')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller('auth/oauth2')
export class TokenInfoController {
  constructor(
    @Inject(ClientAuthenticator) private readonly clients: ClientAuthenticator,
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
    @Inject(TokenRevoker) private readonly revoker: TokenRevoker,
  ) {}

  /** `002_*` tokeninfo: what a token is and whether it is still good (`expired`). */
  @Get('tokeninfo')
  @ApiOkResponse({ type: TokenInfoResponse })
  @ApiOAuthErrors(400)
  async tokeninfo(
    @Query('access_token') token: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    void reply.header('cache-control', 'no-store');
    if (!token) throw new InvalidRequest('access_token is required.');
    const found = await this.inspector.inspect(token, 'access_token');
    if (found.kind !== 'access' || found.revoked) throw new InvalidToken('The token is not valid.');
    const c = found.claims;
    const remaining = Math.max(0, Math.floor(c.exp - Date.now() / 1000));
    return {
      access_token: token,
      token_type: 'bearer',
      scope: c.scope,
      client_id: c.client_id,
      user: c.sub !== c.client_id ? c.sub : null,
      expired: found.expired,
      expires_in: remaining,
      expires: c.exp * 1000,
      issued_at: new Date(Math.round(c.iat * 1000)).toISOString(),
      expires_at: new Date(c.exp * 1000).toISOString(),
      jti: c.jti,
    };
  }

  /** RFC 7662, for the client that owns the token or an administrator client. */
  @Post('introspect')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenForm })
  @ApiOkResponse({ type: IntrospectionResponse })
  @ApiOAuthErrors(400, 401, 429)
  async introspect(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    void reply.header('cache-control', 'no-store');
    const form = body ?? {};
    const caller = await this.clients.authenticate({
      authorization,
      body: form,
      ip: req.ip,
      requestId: req.id,
    });
    // RFC 7662 §2.1: the caller must authenticate; a client_id alone proves nothing (and
    // discovery says so: introspection_endpoint_auth_methods_supported has no `none`).
    if (caller.isPublic)
      throw new InvalidClient(
        'Introspection needs client authentication; public clients cannot use it.',
      );
    const token = field(form, 'token');
    if (!token) throw new InvalidRequest('token is required.');
    const found = await this.inspector.inspect(token, field(form, 'token_type_hint'));
    const owner =
      found.kind === 'access'
        ? found.claims.client_id
        : found.kind === 'refresh'
          ? found.row.clientId
          : undefined;
    // §2.2: a token the caller may not see is simply "not active" to it.
    if (!owner || !mayManage(caller, owner)) return { active: false };
    return this.inspector.introspection(found);
  }

  /** RFC 7009 revocation. */
  @Post('revoke')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenForm })
  @ApiOkResponse({ type: RevocationResponse })
  @ApiOAuthErrors(400, 401, 429)
  async revoke(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<Record<string, never>> {
    const form = body ?? {};
    const caller = await this.clients.authenticate({
      authorization,
      body: form,
      ip: req.ip,
      requestId: req.id,
    });
    const token = field(form, 'token');
    if (!token) throw new InvalidRequest('token is required.');
    await this.revoker.revoke(caller, token, field(form, 'token_type_hint'));
    return {};
  }
}
