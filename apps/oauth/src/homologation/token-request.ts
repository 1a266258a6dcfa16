import type { ApiReadEvidence, CheckEvidence } from '@platform/contracts';

/** How long one call of a check may take (the gateway's own upstream limit is 30 s). */
export const CALL_TIMEOUT_MS = 10_000;

export interface CheckOutcome {
  passed: boolean;
  detail: string;
  evidence: CheckEvidence;
}

export interface ObtainedToken {
  token: string;
  jti: string;
  scopes: string[];
  expiresAt: Date;
}

const elapsed = (began: number): number => Math.round(performance.now() - began);

/** The RFC 6749 §2.3.1 Basic credentials: each part form-encoded first. */
const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** The `jti` of one of our own access tokens (read, not verified: it only names it in evidence). */
function jtiOf(token: string): string {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      jti?: unknown;
    };
    return typeof claims.jti === 'string' ? claims.jti : '';
  } catch {
    return '';
  }
}

/**
 * `client-token`: the application asks the token endpoint for a token by client credentials
 * (RFC 6749 §4.4), through the gateway as the integrator's system would. Passes on 200 with a
 * bearer token; the evidence is the status, the time, the scopes, the lifetime and the token's id.
 */
export async function requestClientToken(
  gateway: string,
  clientId: string,
  secret: string,
): Promise<CheckOutcome & { obtained?: ObtainedToken }> {
  const began = performance.now();
  let res: Response;
  try {
    res = await fetch(`${gateway}/auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: basic(clientId, secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      passed: false,
      detail: `the token endpoint did not answer: ${why}`,
      evidence: { clientId, latencyMs: elapsed(began) },
    };
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const evidence: CheckEvidence = { clientId, statusCode: res.status, latencyMs: elapsed(began) };
  const token = body['access_token'];
  if (res.status !== 200 || typeof token !== 'string') {
    const error = typeof body['error'] === 'string' ? body['error'] : 'no token';
    const why =
      typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : '';
    return {
      passed: false,
      detail: `the token endpoint answered ${res.status} ${error}${why}`.slice(0, 1000),
      evidence: { ...evidence, responseBody: error },
    };
  }
  const scopes = String(body['scope'] ?? '')
    .split(' ')
    .filter(Boolean);
  const expiresIn = Number(body['expires_in'] ?? 0);
  const jti = jtiOf(token);
  return {
    passed: true,
    detail: `the token endpoint granted a bearer token for ${scopes.join(' ') || 'no scope'}, valid ${expiresIn} s`,
    evidence: { ...evidence, jti, scopes, expiresIn },
    obtained: { token, jti, scopes, expiresAt: new Date(Date.now() + expiresIn * 1000) },
  };
}

/** One read-only call with the token, through the gateway; only its status and time are kept. */
export async function probe(
  gateway: string,
  token: string,
  scope: string,
  endpoint: string,
  path: string,
): Promise<ApiReadEvidence> {
  const began = performance.now();
  try {
    const res = await fetch(`${gateway}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await res.body?.cancel();
    const passed = res.status >= 200 && res.status < 300;
    return { scope, endpoint, statusCode: res.status, latencyMs: elapsed(began), passed };
  } catch {
    return { scope, endpoint, latencyMs: elapsed(began), passed: false };
  }
}
