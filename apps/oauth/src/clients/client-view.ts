import { ownerOf } from './client-owner';
import { ClientEntity } from './client.entity';
import type { ClientResponse } from './dto/client.response';

/** What the admin API shows of a client; never the secret or its digest. */
export function clientView(c: ClientEntity): ClientResponse {
  return {
    client_id: c.id,
    name: c.name,
    kind: c.kind,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    scopes: c.scopes,
    grantTypes: c.grantTypes,
    accessTokenTtl: c.accessTokenTtl,
    refreshTokens: c.refreshTokens,
    confidential: c.secretHash !== null,
    license: c.licenseId,
    /** The context that owns it (ADR 15 stage 2); null for the platform's own clients. */
    owner: ownerOf(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
