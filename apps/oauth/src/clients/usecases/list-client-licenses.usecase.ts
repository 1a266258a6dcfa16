import { Inject, Injectable } from '@nestjs/common';
import { type ClientLicenseRecord, type SnapshotPage, snapshotPage } from '@platform/contracts';
import { ClientsRepository } from '../clients.repository';

/** A keyset page (by client id) of the clients bound to a license, for the gateway (ADR 16). */
@Injectable()
export class ListClientLicensesUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  async execute(after: string, limit: number): Promise<SnapshotPage<ClientLicenseRecord>> {
    const rows = await this.clients.licensedClientsPage(after, limit);
    return snapshotPage(rows, limit, (r) => ({
      clientId: r.id,
      license: r.license_id,
      boundAt: (r.license_bound_at ?? r.updated_at).toISOString(),
    }));
  }
}
