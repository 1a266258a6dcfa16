import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BootstrapClient } from '../bootstrap-admin/bootstrap-client';
import { ClientProvisioning } from '../clients/client-provisioning';
import { OauthEnv } from '../config';
import { digest } from '../shared/crypto';

/**
 * What the portal's users may do through it; `platform.admin` stays in a user's token only when
 * the user is a platform administrator (scope-policy.ts).
 */
export const PORTAL_SCOPES = [
  'platform.admin',
  'user-accounts.suite',
  'licenses.suite',
  'notifications.suite',
  'webhooks.suite',
  'audit.read',
];

/**
 * The portal's own confidential client (ADR 0015), from PORTAL_CLIENT_ID/SECRET (which `npm start`
 * generates and keeps): authorization code + refresh tokens, its one redirect URI under
 * PUBLIC_URL/portal/. The environment is the source of truth: a changed secret or public URL is
 * applied to the existing client at boot.
 */
@Injectable()
export class PortalClient implements OnApplicationBootstrap {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(ClientProvisioning) private readonly provisioning: ClientProvisioning,
    @Inject(BootstrapClient) private readonly bootstrapClient: BootstrapClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { PORTAL_CLIENT_ID: id, PORTAL_CLIENT_SECRET: secret } = this.env;
    if (!id || !secret) return;
    // The bootstrap admin client is generated only while no client exists: it goes first.
    await this.bootstrapClient.onApplicationBootstrap();
    const redirectUri = `${this.env.issuer}/portal/api/auth/callback`;
    const secretHash = digest(secret);
    await this.provisioning.ensure({
      lock: 'oauth.portal-client',
      id,
      secret,
      label: 'portal client',
      dto: {
        name: 'platform portal',
        kind: 'server',
        redirectUris: [redirectUri],
        scopes: PORTAL_SCOPES,
        grantTypes: ['authorization_code', 'refresh_token'],
        refreshTokens: true,
      },
      drift: (existing) =>
        existing.secretHash === secretHash && existing.redirectUris.includes(redirectUri)
          ? undefined
          : { secretHash, redirectUris: [redirectUri] },
    });
  }
}
