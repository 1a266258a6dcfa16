import { BadRequestException } from '@nestjs/common';
import { redirectUriProblem } from '../shared/redirect-target';
import { ALLOWED_GRANTS, ClientKind, GrantType, SECRET_GRANTS } from './client-kinds';
import type { ClientEntity } from './client.entity';
import type { UpdateClientDto } from './dto/update-client.dto';

/**
 * The grants a client may hold: those its kind allows, and never `client_credentials` or
 * `custom_sso` without a secret (RFC 6749 §4.4: "MUST only be used by confidential clients";
 * `003_*` §6 sends `client_secret`) — a public `password` client would otherwise get tokens for
 * its client_id alone.
 */
export function checkGrants(
  kind: ClientKind,
  grants: GrantType[],
  confidential: boolean,
): GrantType[] {
  const refused = grants.filter((g) => !ALLOWED_GRANTS[kind].includes(g));
  if (refused.length > 0) {
    throw new BadRequestException(`grantTypes: a ${kind} client may not use ${refused.join(', ')}`);
  }
  const needSecret = grants.filter((g) => SECRET_GRANTS.has(g));
  if (!confidential && needSecret.length > 0) {
    throw new BadRequestException(
      `grantTypes: ${needSecret.join(', ')} needs a client secret (RFC 6749 §4.4, 003_* §6)`,
    );
  }
  return [...new Set(grants)];
}

/** Redirect URIs are matched exactly and redirected to: each must be unambiguous (shared/redirect-target.ts). */
export function checkRedirectUris(uris: string[], field = 'redirectUris'): string[] {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new BadRequestException(`${field}: ${uri} ${problem}`);
  }
  return uris;
}

export function checkFlowsHaveRedirects(grants: GrantType[], redirectUris: string[]): void {
  if (
    grants.some((g) => g === 'authorization_code' || g === 'implicit') &&
    redirectUris.length === 0
  ) {
    throw new BadRequestException(
      'redirectUris: required for the authorization code and implicit flows',
    );
  }
}

export interface AppliedUpdate {
  /** The fields whose value changed. */
  changes: string[];
  /** Scopes the client held before and does not now. */
  removedScopes: string[];
}

/** Applies a PATCH to the client in memory, checked as at creation; says what changed. */
export function applyUpdate(client: ClientEntity, dto: UpdateClientDto): AppliedUpdate {
  const before = { ...client, scopes: [...client.scopes] };
  if (dto.grantTypes !== undefined)
    client.grantTypes = checkGrants(client.kind, dto.grantTypes, !client.isPublic);
  if (dto.name !== undefined) client.name = dto.name;
  if (dto.redirectUris !== undefined) client.redirectUris = checkRedirectUris(dto.redirectUris);
  if (dto.postLogoutRedirectUris !== undefined) {
    client.postLogoutRedirectUris = checkRedirectUris(
      dto.postLogoutRedirectUris,
      'postLogoutRedirectUris',
    );
  }
  if (dto.scopes !== undefined) client.scopes = [...new Set(dto.scopes)];
  if (dto.accessTokenTtl !== undefined) client.accessTokenTtl = dto.accessTokenTtl;
  if (dto.refreshTokens !== undefined) client.refreshTokens = dto.refreshTokens;
  if (dto.license !== undefined) client.licenseId = dto.license;
  checkFlowsHaveRedirects(client.grantTypes, client.redirectUris);
  const fields = [
    'name',
    'redirectUris',
    'postLogoutRedirectUris',
    'scopes',
    'grantTypes',
    'accessTokenTtl',
    'refreshTokens',
    'licenseId',
  ] as const;
  const changes = fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(client[f]))
    .map((f) => (f === 'licenseId' ? 'license' : f));
  return { changes, removedScopes: before.scopes.filter((s) => !client.scopes.includes(s)) };
}
