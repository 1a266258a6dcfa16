import { Inject, Injectable } from '@nestjs/common';
import { type BrowserClientRecord, type SnapshotPage, snapshotPage } from '@platform/contracts';
import { ClientsRepository } from '../clients.repository';

/** A keyset page (by client id) of the browser clients and their redirect URIs, for the gateway. */
@Injectable()
export class ListBrowserClientsUseCase {
  constructor(@Inject(ClientsRepository) private readonly clients: ClientsRepository) {}

  async execute(after: string, limit: number): Promise<SnapshotPage<BrowserClientRecord>> {
    const rows = await this.clients.browserClientsPage(after, limit);
    return snapshotPage(rows, limit, (r) => ({
      clientId: r.id,
      kind: r.kind,
      redirectUris: r.redirect_uris,
      updatedAt: r.updated_at.toISOString(),
    }));
  }
}
