import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOCS_CLIENT_ID, DOCS_CLIENT_SCOPES, DOCS_REDIRECT_PATH } from '@platform/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { BootstrapClient } from '../bootstrap-admin/bootstrap-client';
import { ClientEntity } from '../clients/client.entity';
import { ClientsService } from '../clients/clients.service';
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
  private readonly logger = new Logger('DocsClient');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(BootstrapClient) private readonly bootstrapClient: BootstrapClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The bootstrap admin client is generated only while no client exists: it goes first.
    await this.bootstrapClient.onApplicationBootstrap();
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['oauth.docs-client']);
      await this.ensure(m);
    });
  }

  private async ensure(m: EntityManager): Promise<void> {
    const redirectUri = `${this.env.issuer}${DOCS_REDIRECT_PATH}`;
    const scopes = [...DOCS_CLIENT_SCOPES];
    const repo = m.getRepository(ClientEntity);
    const existing = await repo.findOneBy({ id: DOCS_CLIENT_ID });
    if (!existing) {
      const dto = {
        name: 'API reference (/docs)',
        kind: 'browser' as const,
        redirectUris: [redirectUri],
        scopes,
        grantTypes: ['authorization_code' as const],
        refreshTokens: false,
      };
      await this.clients.create(dto, { id: DOCS_CLIENT_ID, secret: '' }, m);
      this.logger.log(`docs client ${DOCS_CLIENT_ID} registered`);
      return;
    }
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x) => b.includes(x));
    if (same(existing.redirectUris, [redirectUri]) && same(existing.scopes, scopes)) return;
    await repo.update({ id: DOCS_CLIENT_ID }, { redirectUris: [redirectUri], scopes });
    this.logger.log(`docs client ${DOCS_CLIENT_ID} updated from the environment`);
  }
}
