import type {
  AccessRecord,
  BrowserClientRecord,
  ClientLicenseRecord,
  DisabledUserRecord,
  LicenseRecord,
  RevocationRecord,
} from '@platform/contracts';

/** Shape checks of the owners' snapshot records: a bad one is skipped, never half-applied. */
type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): boolean => isString(v) && !Number.isNaN(Date.parse(v));
const isTimeOrNull = (v: unknown): boolean => v === null || isTime(v);

export function isRevocationRecord(v: unknown): v is RevocationRecord {
  return (
    isObject(v) &&
    (v['kind'] === 'token' || v['kind'] === 'client' || v['kind'] === 'user') &&
    isString(v['subject']) &&
    isTimeOrNull(v['issuedBefore']) &&
    isTimeOrNull(v['expiresAt']) &&
    typeof v['clientDeleted'] === 'boolean'
  );
}

export function isDisabledUserRecord(v: unknown): v is DisabledUserRecord {
  return isObject(v) && isString(v['id']) && isTime(v['disabledAt']);
}

export function isAccessRecord(v: unknown): v is AccessRecord {
  const context = isObject(v) ? v['context'] : undefined;
  return (
    isObject(v) &&
    isString(v['id']) &&
    isString(v['user']) &&
    (v['role'] === 'admin' || v['role'] === 'technician' || v['role'] === 'user') &&
    isObject(context) &&
    isString(context['entity']) &&
    isString(context['database']) &&
    typeof v['active'] === 'boolean'
  );
}

export function isClientLicenseRecord(v: unknown): v is ClientLicenseRecord {
  return isObject(v) && isString(v['clientId']) && isString(v['license']) && isTime(v['boundAt']);
}

export function isLicenseRecord(v: unknown): v is LicenseRecord {
  return (
    isObject(v) &&
    ['id', 'entity', 'database', 'system'].every((k) => isString(v[k])) &&
    ['validFrom', 'validUntil', 'updatedAt'].every((k) => isTime(v[k])) &&
    typeof v['revoked'] === 'boolean' &&
    typeof v['expired'] === 'boolean'
  );
}

export function isBrowserClientRecord(v: unknown): v is BrowserClientRecord {
  return (
    isObject(v) &&
    isString(v['clientId']) &&
    isString(v['kind']) &&
    Array.isArray(v['redirectUris']) &&
    v['redirectUris'].every((u) => typeof u === 'string') &&
    isTime(v['updatedAt'])
  );
}
