import { Inject, Injectable } from '@nestjs/common';
import type { ClientLicenseRecord, SnapshotPage } from '@platform/contracts';
import { ClientsRepository } from '../clients.repository';

/** A keyset page (by client id) of the clients bound to a license, for the gateway (ADR 16). */
@Injectable()
export class ListClientLicensesUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  async execute(after: string, limit: number): Promise<SnapshotPage<ClientLicenseRecord>> {
    const rows = await this.clients.licensedClientsPage(after, limit);
    return {
      items: rows.map((r) => ({
        clientId: r.id,
        license: r.license_id,
        boundAt: (r.license_bound_at ?? r.updated_at).toISOString(),
      })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
