import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BootstrapClient } from '../bootstrap-admin/bootstrap-client';
import { ClientEntity } from '../clients/client.entity';
import { ClientsService } from '../clients/clients.service';
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
  private readonly logger = new Logger('PortalClient');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(BootstrapClient) private readonly bootstrapClient: BootstrapClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { PORTAL_CLIENT_ID: id, PORTAL_CLIENT_SECRET: secret } = this.env;
    if (!id || !secret) return;
    // The bootstrap admin client is generated only while no client exists: it goes first.
    await this.bootstrapClient.onApplicationBootstrap();
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['oauth.portal-client']);
      await this.ensure(m, id, secret);
    });
  }

  private async ensure(m: EntityManager, id: string, secret: string): Promise<void> {
    const redirectUri = `${this.env.issuer}/portal/api/auth/callback`;
    const repo = m.getRepository(ClientEntity);
    const existing = await repo.findOneBy({ id });
    if (!existing) {
      const dto = {
        name: 'platform portal',
        kind: 'server' as const,
        redirectUris: [redirectUri],
        scopes: PORTAL_SCOPES,
        grantTypes: ['authorization_code' as const, 'refresh_token' as const],
        refreshTokens: true,
      };
      await this.clients.create(dto, { id, secret }, m);
      this.logger.log(`portal client ${id} registered`);
      return;
    }
    const secretHash = digest(secret);
    if (existing.secretHash === secretHash && existing.redirectUris.includes(redirectUri)) return;
    await repo.update({ id }, { secretHash, redirectUris: [redirectUri] });
    this.logger.log(`portal client ${id} updated from the environment`);
  }
}
