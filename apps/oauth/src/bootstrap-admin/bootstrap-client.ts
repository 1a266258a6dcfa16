import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientProvisioning } from '../clients/client-provisioning';
import { ClientsRepository } from '../clients/clients.repository';
import { CreateClientUseCase } from '../clients/usecases/create-client.usecase';
import { OauthEnv } from '../config';
import { randomToken } from '../shared/crypto';
import { KNOWN_SCOPES } from '../shared/scopes';

/**
 * The first administrator client (spec §1 configuration): from BOOTSTRAP_CLIENT_ID/SECRET when
 * set and that client does not exist yet; when unset and there are no clients at all, one is
 * generated and its credentials printed once (they are not recoverable afterwards).
 */
@Injectable()
export class BootstrapClient implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapClient');

  constructor(
    @Inject(ClientsRepository) private readonly clientRows: ClientsRepository,
    @Inject(ClientProvisioning) private readonly provisioning: ClientProvisioning,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(CreateClientUseCase) private readonly createClient: CreateClientUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Several instances may boot together: one decides at a time.
    const generated = await this.provisioning.alone('oauth.bootstrap-client', (m) =>
      this.ensure(m),
    );
    if (generated) {
      // Printed once, on purpose: the operator has no other way to learn the first credentials.
      process.stdout.write(
        `\noauth: generated the bootstrap admin client (shown once):\n  BOOTSTRAP_CLIENT_ID=${generated.id}\n  BOOTSTRAP_CLIENT_SECRET=${generated.secret}\n\n`,
      );
    }
  }

  private async ensure(m: EntityManager): Promise<{ id: string; secret: string } | undefined> {
    const { BOOTSTRAP_CLIENT_ID: id, BOOTSTRAP_CLIENT_SECRET: secret } = this.env;
    if (id && secret) {
      if (!(await this.clientRows.exists(id, m))) await this.create(m, id, secret);
      return undefined;
    }
    if ((await this.clientRows.count(m)) > 0) return undefined;
    const generated = { id: `bootstrap-${randomToken(6)}`, secret: randomToken() };
    await this.create(m, generated.id, generated.secret);
    return generated;
  }

  private async create(m: EntityManager, id: string, secret: string): Promise<void> {
    const dto = {
      name: 'bootstrap admin',
      kind: 'service' as const,
      scopes: [...KNOWN_SCOPES],
      grantTypes: ['client_credentials' as const],
    };
    await this.createClient.execute(dto, { fixed: { id, secret } }, m);
    this.logger.log(`bootstrap client ${id} registered`);
  }
}
