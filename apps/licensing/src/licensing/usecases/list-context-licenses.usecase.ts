import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { currentContext } from '../../shared/caller-scope';
import { SistemasRepository } from '../../sistemas/sistemas.repository';
import type { ContextLicensesPage, ContextLicensesQuery } from '../context-licenses.controller';
import { licenseCode } from '../license-status';
import { LicensesRepository } from '../licenses.repository';

/** The caller's context's licenses, newest first, each with its system's name and state now. */
@Injectable()
export class ListContextLicensesUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly sistemas: SistemasRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Principal, query: ContextLicensesQuery): Promise<ContextLicensesPage> {
    const context = currentContext(caller);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const rows = await this.licenses.pageOfContext(context, offset, limit + 1);
    const page = rows.slice(0, limit);
    const systems = await this.sistemas.namesOf(page.map((l) => l.system));
    const now = this.clock.now();
    const content = page.map((l) => ({
      id: l.id,
      system: l.system,
      systemName: systems.get(l.system) ?? null,
      validFrom: l.validFrom.toISOString(),
      validUntil: l.validUntil.toISOString(),
      revokedAt: l.revokedAt?.toISOString() ?? null,
      code: licenseCode(l, now),
    }));
    return { offset, limit, hasNext: rows.length > limit, content };
  }
}
