import { licenseCode, licenseStatus, validateLicense } from './license-status';

const from = new Date('2026-01-01T00:00:00Z');
const until = new Date('2026-02-01T00:00:00Z');
const license = { validFrom: from, validUntil: until, revokedAt: null };

describe('license validity', () => {
  it('is valid from validFrom (inclusive) to validUntil (exclusive)', () => {
    expect(licenseCode(license, from)).toBe('VALID');
    expect(licenseCode(license, new Date(until.getTime() - 1))).toBe('VALID');
    expect(licenseCode(license, until)).toBe('EXPIRED');
    expect(licenseCode(license, new Date(from.getTime() - 1))).toBe('NOT_YET_VALID');
  });

  it('says REVOKED for a revoked license even inside its dates', () => {
    const revoked = { ...license, revokedAt: new Date('2026-01-10T00:00:00Z') };
    expect(validateLicense(revoked, new Date('2026-01-15T00:00:00Z'))).toEqual({
      valid: false,
      code: 'REVOKED',
      detail: 'The license was revoked at 2026-01-10T00:00:00.000Z.',
    });
    expect(licenseStatus(revoked, from)).toBe('revoked');
  });

  it('says NOT_FOUND without a license', () => {
    expect(validateLicense(null, from)).toMatchObject({ valid: false, code: 'NOT_FOUND' });
  });
});
