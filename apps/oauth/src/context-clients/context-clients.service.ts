import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ClientTokensService } from '../clients/client-tokens.service';
import type { ClientOwner } from '../clients/client-owner';
import type { ClientEntity } from '../clients/client.entity';
import { ClientsRepository } from '../clients/clients.repository';
import { ClientsService, type CreatedClient } from '../clients/clients.service';
import { CreateClientDto } from '../clients/dto/create-client.dto';
import { IssueClientTokenDto } from '../clients/dto/update-client.dto';
import { LicenseDirectory } from '../clients/license-directory';
import type { ContextAdmin } from './context-admin';
import { contextGrantsFor } from './context-policy';

/**
 * A context's own applications (ADR 15 stage 2): the same clients, secrets and client access
 * tokens as the admin API, limited to the clients the caller's context owns — another context's
 * client is a 404, as if it did not exist — and to what a context admin may grant.
 */
@Injectable()
export class ContextClientsService {
  constructor(
    @Inject(ClientsRepository) private readonly clientRows: ClientsRepository,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(ClientTokensService) private readonly tokens: ClientTokensService,
    @Inject(LicenseDirectory) private readonly licenses: LicenseDirectory,
  ) {}

  list(owner: ClientOwner): Promise<ClientEntity[]> {
    return this.clientRows.listOfOwner(owner);
  }

  async get(owner: ClientOwner, id: string): Promise<ClientEntity> {
    const client = await this.clientRows.findOfOwner(id, owner);
    if (!client) throw new NotFoundException(`client ${id} not found in your context`);
    return client;
  }

  async create(caller: ContextAdmin, dto: CreateClientDto): Promise<CreatedClient> {
    const grantTypes = contextGrantsFor(dto, caller.platformAdmin);
    if (dto.license) await this.checkLicenseOfContext(caller, dto.license);
    const request = { ...dto, ...(grantTypes ? { grantTypes } : {}) };
    return this.clients.create(request, undefined, undefined, caller.actor, caller.owner);
  }

  async rotateSecret(caller: ContextAdmin, id: string): Promise<CreatedClient> {
    await this.get(caller.owner, id);
    return this.clients.rotateSecret(id, caller.actor);
  }

  async remove(caller: ContextAdmin, id: string): Promise<void> {
    await this.get(caller.owner, id);
    await this.clients.remove(id, caller.actor);
  }

  async listTokens(owner: ClientOwner, id: string): Promise<Record<string, unknown>[]> {
    await this.get(owner, id);
    return this.tokens.list(id);
  }

  async issueToken(
    caller: ContextAdmin,
    id: string,
    dto: IssueClientTokenDto,
  ): Promise<Record<string, unknown>> {
    await this.get(caller.owner, id);
    return this.tokens.issue(id, dto, caller.actor);
  }

  async revokeToken(owner: ClientOwner, id: string, tokenId: string): Promise<void> {
    await this.get(owner, id);
    await this.tokens.revoke(id, tokenId);
  }

  /** `000_*`: the license responsible for the application's requests must be its context's own. */
  private async checkLicenseOfContext(caller: ContextAdmin, license: string): Promise<void> {
    if (caller.platformAdmin) return;
    const found = await this.licenses.get(license, caller.actor.requestId ?? 'context-client');
    // One answer for "unknown" and "another context's": other contexts' license ids stay secret.
    const ours = found?.entity === caller.owner.entity && found.database === caller.owner.database;
    if (!ours) {
      const message = `license ${license} is not a license of your context`;
      throw new BadRequestException({
        message: `license: ${message}`,
        errors: [{ field: 'license', messages: [message] }],
      });
    }
  }
}
