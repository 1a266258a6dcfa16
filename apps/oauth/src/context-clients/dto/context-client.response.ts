import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_KINDS, GRANT_TYPES } from '../../clients/client-kinds';

/** The context that owns an application. */
export class ClientOwnerView {
  @ApiProperty() entity!: string;
  @ApiProperty() database!: string;
}

/** One of the context's applications, as `/auth/oauth2/context/clients` shows it: never a secret. */
export class ContextClientView {
  @ApiProperty() client_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CLIENT_KINDS }) kind!: string;
  @ApiProperty({ type: [String] }) redirectUris!: string[];
  @ApiProperty({ type: [String] }) postLogoutRedirectUris!: string[];
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ enum: GRANT_TYPES, isArray: true }) grantTypes!: string[];
  @ApiProperty({ type: Number, nullable: true }) accessTokenTtl!: number | null;
  @ApiProperty() refreshTokens!: boolean;
  @ApiProperty({ description: 'Whether it holds a secret (service, server, password kinds).' })
  confidential!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The license it is bound to.' })
  license!: string | null;
  @ApiProperty({ type: ClientOwnerView }) owner!: ClientOwnerView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A new application, or one whose secret was regenerated: the secret appears here only. */
export class ContextClientWithSecret extends ContextClientView {
  @ApiPropertyOptional({ description: 'Shown once; stored as a digest.' }) client_secret?: string;
}

export class ContextClientTokenView {
  @ApiProperty() id!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ type: [String], nullable: true }) endpoints!: string[] | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at!: string | null;
}

/** A client access token (`000_*`): `access_token` appears here only. */
export class ContextIssuedToken {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown once; stored as a digest.' }) access_token!: string;
  @ApiProperty({ example: 'bearer' }) token_type!: string;
  @ApiProperty() scope!: string;
  @ApiPropertyOptional({ type: [String] }) endpoints?: string[];
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
}

export class GrantableScopes {
  @ApiProperty({
    type: [String],
    description: "The scopes the caller may give the context's applications.",
  })
  grantable!: string[];
}
