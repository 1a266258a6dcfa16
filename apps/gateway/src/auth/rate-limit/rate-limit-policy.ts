import { ValidateBy, type ValidationOptions } from 'class-validator';

/** At most `limit` requests per `windowSeconds`, counted per client. */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

const POLICY = /^(\d+)\/(\d+)([smh]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** `600/60s`, `100/1m`, `5000/1h`; a bare number of seconds is accepted too (`600/60`). */
export function parseRateLimitPolicy(text: string): RateLimitPolicy {
  const m = POLICY.exec(text.trim());
  if (!m) throw new Error(`not a rate-limit policy: ${text}`);
  const limit = Number(m[1]);
  const windowSeconds = Number(m[2]) * (UNIT_SECONDS[m[3] ?? ''] ?? 1);
  if (limit < 1 || windowSeconds < 1)
    throw new Error(`rate-limit policy must be positive: ${text}`);
  return { limit, windowSeconds };
}

/** `{"client-a": "1200/60s"}` as a map; throws on anything else. */
export function parsePerClientPolicies(json: string | undefined): Map<string, RateLimitPolicy> {
  const map = new Map<string, RateLimitPolicy>();
  if (!json) return map;
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('expected a JSON object of client id to policy');
  }
  for (const [client, policy] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof policy !== 'string')
      throw new Error(`policy of ${client} must be a string like 600/60s`);
    map.set(client, parseRateLimitPolicy(policy));
  }
  return map;
}

/** Config validation: the value parses as `parsePerClientPolicies` expects. */
export function IsPerClientPolicies(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPerClientPolicies',
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'string') return false;
          try {
            parsePerClientPolicies(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () =>
          '$property must be a JSON object mapping client ids to policies like "600/60s"',
      },
    },
    options,
  );
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, structured-field
 * form): `RateLimit-Policy: "default";q=600;w=60` and `RateLimit: "default";r=12;t=30`.
 */
export function rateLimitHeaders(
  name: string,
  policy: RateLimitPolicy,
  remaining: number,
  resetSeconds: number,
): Record<string, string> {
  return {
    'RateLimit-Policy': `"${name}";q=${policy.limit};w=${policy.windowSeconds}`,
    RateLimit: `"${name}";r=${Math.max(0, remaining)};t=${Math.max(0, resetSeconds)}`,
  };
}
