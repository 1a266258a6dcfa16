/**
 * Redirect targets built from input (`continue`, registered redirect URIs). A target is judged the
 * way a browser will read it: parsed with the WHATWG URL parser against the issuer, and answered
 * as that parsed URL's serialization, never as the raw input. Browsers silently drop tabs and
 * newlines and read `\` as `/` (WHATWG URL §4.4), so `/\t/evil` and `/\evil` mean `//evil`,
 * another host; such input is refused outright rather than repaired.
 */

/**
 * C0 and C1 controls and DEL (tab, CR, LF…), the backslash, Unicode format characters (zero
 * width, bidi overrides) and line/paragraph separators: none belongs in a URL we redirect to.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;

/** The part a browser percent-decodes while parsing (scheme, authority, path): before `?` or `#`. */
const beforeQuery = (raw: string): string => raw.split(/[?#]/, 1)[0] ?? '';

/**
 * True when `raw` holds a character no redirect target may hold, literally or percent-encoded in
 * the part before the query (`/%09/evil`, `/%5Cevil`, `%2F%2Fevil`): the host is percent-decoded
 * by the URL parser, and a server or proxy down the line may decode a path once more.
 */
export function hasForbiddenCharacters(raw: string): boolean {
  if (FORBIDDEN.test(raw)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(beforeQuery(raw));
  } catch {
    return true; // malformed percent-encoding: no legitimate target looks like this
  }
  return FORBIDDEN.test(decoded) || /^\/\//.test(decoded);
}

/** An absolute http(s) URL without userinfo, parsed from `raw` relative to `base`; else undefined. */
export function parseHttpUrl(raw: string, base?: string): URL | undefined {
  if (raw === '' || hasForbiddenCharacters(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // `https://issuer@evil` and `https://evil@issuer`: userinfo only ever serves to deceive here.
  if (url.username !== '' || url.password !== '') return undefined;
  return url;
}

export interface RedirectTarget {
  url: URL;
  /** On the issuer's origin: the platform's own pages. */
  sameOrigin: boolean;
}

/**
 * Resolves a redirect target against the issuer: undefined when it is hostile or malformed;
 * otherwise the parsed URL and whether it is on the issuer's origin. A target on another origin
 * must still be an exactly registered redirect URI (the caller checks that; see ContinuePolicy).
 */
export function resolveRedirectTarget(
  raw: string | undefined,
  issuer: string,
): RedirectTarget | undefined {
  if (raw === undefined) return undefined;
  const url = parseHttpUrl(raw, issuer);
  if (!url) return undefined;
  return { url, sameOrigin: url.origin === new URL(issuer).origin };
}

/**
 * Why a redirect URI cannot be registered (RFC 6749 §3.1.2: absolute, no fragment; RFC 9700
 * §4.1.3: matched exactly, so it must be unambiguous), or undefined when it can.
 */
export function redirectUriProblem(uri: string): string | undefined {
  const url = parseHttpUrl(uri);
  if (!url) return 'must be an absolute http(s) URL without user info, controls or backslashes';
  if (uri.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)';
  return undefined;
}
