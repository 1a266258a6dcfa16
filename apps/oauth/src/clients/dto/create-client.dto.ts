import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { CLIENT_KINDS, ClientKind, GRANT_TYPES, GrantType } from '../client-kinds';

export class CreateClientDto {
  @IsString() @Length(1, 200) name!: string;

  @ApiProperty({ enum: CLIENT_KINDS }) @IsIn(CLIENT_KINDS) kind!: ClientKind;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { each: true },
  )
  redirectUris?: string[];

  /**
   * Where OpenID Connect RP-initiated logout may send the browser afterwards, matched exactly
   * (OIDC RP-Initiated Logout 1.0 §3, `post_logout_redirect_uris`).
   */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { each: true },
  )
  postLogoutRedirectUris?: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  scopes!: string[];

  @ApiPropertyOptional({ enum: GRANT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(GRANT_TYPES, { each: true })
  grantTypes?: GrantType[];

  /** Access-token lifetime in seconds (default ACCESS_TOKEN_TTL_SECONDS). */
  @IsOptional() @IsInt() @Min(60) @Max(86400) accessTokenTtl?: number;

  @IsOptional() @IsBoolean() refreshTokens?: boolean;

  /**
   * Only for kind `password`: a client without a secret, as the `002_*` password example
   * (client_id only) shows. Service and server clients always hold a secret.
   */
  @IsOptional() @IsBoolean() public?: boolean;

  /**
   * `000_*`: the license responsible for this client's requests. While it is not valid the
   * gateway refuses the client's tokens (403 `license_inactive`). Checked against licensing: it
   * must exist and be valid or not yet valid. `null` on PATCH removes the binding.
   */
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'License id (licensing) the client is bound to; null (PATCH) unbinds. Must exist and be neither expired nor revoked.',
  })
  @IsOptional()
  @IsUUID()
  license?: string | null;
}
