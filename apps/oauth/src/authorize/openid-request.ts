import {
  AccountSelectionRequired,
  InvalidRequest,
  OAuthError,
  RegistrationNotSupported,
  RequestNotSupported,
  RequestUriNotSupported,
} from '../errors/oauth-errors';
import { OPENID } from '../shared/scopes';

type Query = Record<string, string | undefined>;

/** The OpenID Connect parameters of an authorization request (OIDC Core §3.1.2.1). */
export interface OpenIdParams {
  /** Echoed in the ID token; only kept when `openid` is asked. */
  nonce?: string;
  /** `login`: sign in again even with a session; `none`: never show a page. */
  prompt: ReadonlySet<'none' | 'login' | 'consent'>;
  /** Seconds since the sign-in beyond which the user must sign in again. */
  maxAge?: number;
}

/** `prompt` values this server honours; discovery lists the same (`prompt_values_supported`). */
export const PROMPT_VALUES = ['none', 'login', 'consent'] as const;
type Prompt = (typeof PROMPT_VALUES)[number];
const isPrompt = (v: string): v is Prompt => (PROMPT_VALUES as readonly string[]).includes(v);

/** Where each response type answers by default (OAuth 2.0 Multiple Response Types §2.1). */
const DEFAULT_MODE = { code: 'query', token: 'fragment' } as const;
/** A nonce is an opaque value of the client's; long ones would only fill the codes table. */
const MAX_NONCE_LENGTH = 512;

/**
 * Checks the OpenID Connect parameters; failures are redirected with `error` like other request
 * errors. Unsupported features are refused, not ignored, so a client never believes it got them.
 */
export function checkOpenIdParams(
  q: Query,
  responseType: 'code' | 'token',
  scope: string[] | undefined,
): OpenIdParams | OAuthError {
  const unsupported = unsupportedFeature(q, responseType);
  if (unsupported) return unsupported;
  const prompt = parsePrompt(q['prompt']);
  if (prompt instanceof OAuthError) return prompt;
  const maxAge = q['max_age'];
  if (maxAge !== undefined && !/^\d{1,9}$/.test(maxAge)) {
    return new InvalidRequest('max_age must be a number of seconds.');
  }
  if (!scope?.includes(OPENID)) return { prompt, maxAge: maxAge ? Number(maxAge) : undefined };
  // OIDC Core §3.1.2.1: redirect_uri is required in an OpenID request, even with one registered.
  if (q['redirect_uri'] === undefined) return new InvalidRequest('redirect_uri is required.');
  const nonce = q['nonce'];
  if (nonce !== undefined && nonce.length > MAX_NONCE_LENGTH) {
    return new InvalidRequest(`nonce is longer than ${MAX_NONCE_LENGTH} characters.`);
  }
  return { nonce, prompt, maxAge: maxAge ? Number(maxAge) : undefined };
}

/** Request objects, client registration, and response modes other than each type's default. */
function unsupportedFeature(q: Query, responseType: 'code' | 'token'): OAuthError | undefined {
  if (q['request'] !== undefined)
    return new RequestNotSupported('Request objects are not supported.');
  if (q['request_uri'] !== undefined) {
    return new RequestUriNotSupported('request_uri is not supported.');
  }
  if (q['registration'] !== undefined) {
    return new RegistrationNotSupported('The registration parameter is not supported.');
  }
  const mode = q['response_mode'];
  if (mode !== undefined && mode !== DEFAULT_MODE[responseType]) {
    return new InvalidRequest(
      `response_mode ${mode} is not supported with response_type ${responseType}.`,
    );
  }
  return undefined;
}

/** OIDC Core §3.1.2.1: space-separated; `none` stands alone. */
function parsePrompt(raw: string | undefined): OpenIdParams['prompt'] | OAuthError {
  const values = (raw ?? '').split(' ').filter(Boolean);
  if (values.includes('select_account')) {
    return new AccountSelectionRequired('This server keeps one signed-in account per browser.');
  }
  const unknown = values.filter((v) => !isPrompt(v));
  if (unknown.length > 0)
    return new InvalidRequest(`prompt ${unknown.join(' ')} is not supported.`);
  if (values.includes('none') && values.length > 1) {
    return new InvalidRequest('prompt=none cannot be combined with other values.');
  }
  return new Set(values.filter(isPrompt));
}
