import { Inject, Injectable } from '@nestjs/common';
import type { BrowserClientRecord, SnapshotPage } from '@platform/contracts';
import { ClientsRepository } from '../clients.repository';

/** A keyset page (by client id) of the browser clients and their redirect URIs, for the gateway. */
@Injectable()
export class ListBrowserClientsUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  async execute(after: string, limit: number): Promise<SnapshotPage<BrowserClientRecord>> {
    const rows = await this.clients.browserClientsPage(after, limit);
    return {
      items: rows.map((r) => ({
        clientId: r.id,
        kind: r.kind,
        redirectUris: r.redirect_uris,
        updatedAt: r.updated_at.toISOString(),
      })),
      next: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }
}
