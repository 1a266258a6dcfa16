import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/http';
import { OauthEnv } from '../config';
import { KNOWN_SCOPES } from '../shared/scopes';
import { SIGNING_ALG } from '../keys/key-store';

/** RFC 8414 metadata, served at both well-known paths. */
@ApiTags('oauth')
@Public()
@Controller('/.well-known')
export class MetadataController {
  constructor(@Inject(OauthEnv) private readonly env: OauthEnv) {}

  @Get('oauth-authorization-server')
  authorizationServer(): Record<string, unknown> {
    return this.metadata();
  }

  @Get('openid-configuration')
  openidConfiguration(): Record<string, unknown> {
    return this.metadata();
  }

  private metadata(): Record<string, unknown> {
    const iss = this.env.issuer;
    return {
      issuer: iss,
      authorization_endpoint: `${iss}/auth/oauth2/authorize`,
      token_endpoint: `${iss}/auth/oauth2/token`,
      jwks_uri: `${iss}/auth/oauth2/jwks`,
      revocation_endpoint: `${iss}/auth/oauth2/revoke`,
      introspection_endpoint: `${iss}/auth/oauth2/introspect`,
      scopes_supported: [...KNOWN_SCOPES],
      response_types_supported: ['code', 'token'],
      response_modes_supported: ['query', 'fragment'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token', 'password', 'implicit', 'custom_sso'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      access_token_signing_alg_values_supported: [SIGNING_ALG],
      authorization_response_iss_parameter_supported: true,
      service_documentation: `${iss}/docs`,
    };
  }
}
