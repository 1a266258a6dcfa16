import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DOCS_CLIENT_ID, DOCS_CLIENT_SCOPES, DOCS_REDIRECT_PATH } from '@platform/contracts';
import { BootstrapClient } from '../bootstrap-admin/bootstrap-client';
import { ClientProvisioning } from '../clients/client-provisioning';
import { OauthEnv } from '../config';

/**
 * The API reference's public client (`platform-docs`, libs/contracts docs-client.ts): the browsable
 * `/docs` signs its users in with it, authorization code with PKCE, to Swagger UI's redirect page
 * under PUBLIC_URL. A `browser` client — a user signs in, and the token acts for that user only —
 * never `anonymous` (`002_*`: no user at all, which would hand every visitor a client token);
 * no secret, no refresh tokens. Registered at boot; a changed PUBLIC_URL or scope list is
 * applied to the existing client.
 */
@Injectable()
export class DocsClient implements OnApplicationBootstrap {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(ClientProvisioning) private readonly provisioning: ClientProvisioning,
    @Inject(BootstrapClient) private readonly bootstrapClient: BootstrapClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The bootstrap admin client is generated only while no client exists: it goes first.
    await this.bootstrapClient.onApplicationBootstrap();
    const redirectUri = `${this.env.issuer}${DOCS_REDIRECT_PATH}`;
    const scopes = [...DOCS_CLIENT_SCOPES];
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x) => b.includes(x));
    await this.provisioning.ensure({
      lock: 'oauth.docs-client',
      id: DOCS_CLIENT_ID,
      secret: '',
      label: 'docs client',
      dto: {
        name: 'API reference (/docs)',
        kind: 'browser',
        redirectUris: [redirectUri],
        scopes,
        grantTypes: ['authorization_code'],
        refreshTokens: false,
      },
      drift: (existing) =>
        same(existing.redirectUris, [redirectUri]) && same(existing.scopes, scopes)
          ? undefined
          : { redirectUris: [redirectUri], scopes },
    });
  }
}
