import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/http';
import { OauthEnv } from '../config';
import { serverMetadata } from './metadata';
import { ServerMetadataResponse } from './metadata.response';

/** RFC 8414 and OpenID Connect Discovery 1.0: the same document at both well-known paths. */
@ApiTags('oauth')
@Public()
@Controller('.well-known')
export class MetadataController {
  constructor(@Inject(OauthEnv) private readonly env: OauthEnv) {}

  @Get('oauth-authorization-server')
  authorizationServer(): ServerMetadataResponse {
    return serverMetadata(this.env.issuer);
  }

  @Get('openid-configuration')
  openidConfiguration(): ServerMetadataResponse {
    return serverMetadata(this.env.issuer);
  }
}
