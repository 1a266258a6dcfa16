import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { CreateClientDto } from '../../clients/dto/create-client.dto';
import { LicenseDirectory } from '../../clients/license-directory';
import {
  CreateClientUseCase,
  type CreatedClient,
} from '../../clients/usecases/create-client.usecase';
import type { ContextAdmin } from '../context-admin';
import { contextGrantsFor } from '../context-policy';

/**
 * A client owned by the caller's context (ADR 15 stage 2), limited to what a context admin may
 * grant, bound (if at all) to a license of that context.
 */
@Injectable()
export class CreateContextClientUseCase {
  constructor(
    @Inject(CreateClientUseCase) private readonly createClient: CreateClientUseCase,
    @Inject(LicenseDirectory) private readonly licenses: LicenseDirectory,
  ) {}

  async execute(caller: ContextAdmin, dto: CreateClientDto): Promise<CreatedClient> {
    const grantTypes = contextGrantsFor(dto, caller.platformAdmin);
    if (dto.license) await this.checkLicenseOfContext(caller, dto.license);
    const request = { ...dto, ...(grantTypes ? { grantTypes } : {}) };
    return this.createClient.execute(request, { actor: caller.actor, owner: caller.owner });
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
