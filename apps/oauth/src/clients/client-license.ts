import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LicenseDirectory } from './license-directory';

const REFUSED = {
  EXPIRED: 'has expired',
  REVOKED: 'is revoked',
} as const;

/**
 * Whether a client may be bound to a license (`000_*`): licensing must know it, and it must be
 * valid now or later (a license that starts tomorrow may be bound today); an expired or revoked
 * one would only lock the client out, so it is refused at once, naming why.
 */
@Injectable()
export class ClientLicensePolicy {
  constructor(@Inject(LicenseDirectory) private readonly licenses: LicenseDirectory) {}

  async check(license: string, requestId: string = randomUUID()): Promise<string> {
    const found = await this.licenses.get(license, requestId);
    if (!found) throw refuse(`license ${license} does not exist`);
    if (found.code === 'EXPIRED' || found.code === 'REVOKED') {
      throw refuse(`license ${license} ${REFUSED[found.code]}`);
    }
    return found.id;
  }
}

function refuse(message: string): BadRequestException {
  return new BadRequestException({
    message: `license: ${message}`,
    errors: [{ field: 'license', messages: [message] }],
  });
}
