import { redirectUriProblem, resolveRedirectTarget } from './redirect-target';

const ISSUER = 'https://platform.example';

describe('resolveRedirectTarget', () => {
  /** Hostile `continue` values, as they arrive after the query string is decoded. */
  const refused: [string, string][] = [
    ['/\t/evil.example', 'tab: browsers drop it, leaving //evil.example'],
    ['/\n/evil.example', 'LF'],
    ['/\r/evil.example', 'CR'],
    ['/\r\n/evil.example', 'CRLF (header injection too)'],
    ['\t//evil.example', 'leading tab'],
    ['/%09/evil.example', 'percent-encoded tab (decoded once more downstream)'],
    ['/%0d%0a/evil.example', 'percent-encoded CRLF'],
    ['/%00/evil.example', 'percent-encoded NUL'],
    ['/\\evil.example', 'backslash: browsers read it as a slash'],
    ['/\\\\evil.example', 'two backslashes'],
    ['\\\\evil.example', 'leading backslashes'],
    ['/%5Cevil.example', 'percent-encoded backslash'],
    ['//evil.example', 'protocol-relative'],
    ['///evil.example', 'protocol-relative, three slashes'],
    ['/%2F/evil.example', 'percent-encoded second slash'],
    ['%2F%2Fevil.example', 'percent-encoded protocol-relative'],
    ['/%E0%A4%A', 'malformed percent-encoding'],
    ['javascript:alert(1)', 'script scheme'],
    ['JaVaScRiPt:alert(1)', 'script scheme, mixed case'],
    ['data:text/html,<script>alert(1)</script>', 'data scheme'],
    ['vbscript:msgbox(1)', 'vbscript scheme'],
    ['file:///etc/passwd', 'file scheme'],
    ['https://platform.example@evil.example/', 'issuer as userinfo'],
    ['https://evil.example@platform.example/', 'userinfo on the issuer'],
    ['https://platform.example\u200b.evil.example/', 'zero-width space'],
    ['https://platform.example/\u202e/', 'bidi override'],
    ['/\u2028/evil.example', 'line separator'],
    ['/\u0085/evil.example', 'C1 next line'],
    ['', 'empty'],
  ];

  it.each(refused)('refuses %j (%s)', (raw) => {
    expect(resolveRedirectTarget(raw, ISSUER)).toBeUndefined();
  });

  /** Values that parse, but to another origin: only an exactly registered redirect URI may pass. */
  const foreign = [
    'http:evil.example',
    'http:/evil.example',
    'https://evil.example/#@platform.example',
    'https://evil.example/?@platform.example',
    'http://platform.example/',
    'https://platform.example:8443/',
    'https://platform.example.evil.example/',
    'https://pl\u0430tform.example/', // Cyrillic a: punycode, another host
    'https://\uff45vil.example/', // fullwidth e: IDNA maps it to evil.example
    'https://platform\u3002example.evil/', // ideographic full stop: a dot to IDNA
  ];

  it.each(foreign)('sees %j as off the issuer origin', (raw) => {
    const resolved = resolveRedirectTarget(raw, ISSUER);
    expect(resolved?.sameOrigin).toBe(false);
    expect(resolved?.url.origin).not.toBe(ISSUER);
  });

  it('takes a lookalike that IDNA maps onto the issuer host for the issuer (where a browser goes)', () => {
    expect(resolveRedirectTarget('https://platform\u3002example/x', ISSUER)).toMatchObject({
      sameOrigin: true,
    });
    expect(resolveRedirectTarget('https://PLATFORM.EXAMPLE/x', ISSUER)?.url.href).toBe(
      'https://platform.example/x',
    );
  });

  it('accepts paths and URLs on the issuer origin, answering the serialized absolute URL', () => {
    expect(resolveRedirectTarget('/docs', ISSUER)).toEqual({
      url: new URL('https://platform.example/docs'),
      sameOrigin: true,
    });
    const authorize =
      'https://platform.example/auth/oauth2/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp%2Fcb&state=x%20y';
    expect(resolveRedirectTarget(authorize, ISSUER)?.url.href).toBe(authorize);
    expect(resolveRedirectTarget('/a/../b?x=1#y', ISSUER)?.url.href).toBe(
      'https://platform.example/b?x=1#y',
    );
    // A unicode lookalike of a slash is just a path segment on the issuer.
    expect(resolveRedirectTarget('\u2215\u2215evil.example', ISSUER)).toMatchObject({
      sameOrigin: true,
    });
    expect(resolveRedirectTarget('／／evil.example', ISSUER)).toMatchObject({ sameOrigin: true });
    // Same scheme as the issuer without slashes: a relative path to the URL parser (and browsers).
    expect(resolveRedirectTarget('https:evil.example', ISSUER)?.url.href).toBe(
      'https://platform.example/evil.example',
    );
    expect(resolveRedirectTarget(undefined, ISSUER)).toBeUndefined();
  });

  it('never answers raw input: what it returns is what a browser would go to', () => {
    for (const raw of ['/x y', '/ünïcode', 'HTTPS://PLATFORM.EXAMPLE/Path']) {
      const resolved = resolveRedirectTarget(raw, ISSUER);
      expect(resolved?.sameOrigin).toBe(true);
      expect(new URL(resolved!.url.href, 'https://elsewhere.example').origin).toBe(ISSUER);
      expect(resolved!.url.href).toMatch(/^https:\/\/platform\.example\/[\x21-\x7e]*$/);
    }
  });
});

describe('redirectUriProblem (client registration)', () => {
  it('accepts absolute http(s) URIs', () => {
    expect(redirectUriProblem('https://app.example/cb')).toBeUndefined();
    expect(redirectUriProblem('http://localhost:3000/cb?x=1')).toBeUndefined();
  });

  it.each([
    'https://app.example/cb#frag',
    'https://user@app.example/cb',
    'https://app.example/c\tb',
    'https://app.example\\cb',
    '/cb',
    'javascript:alert(1)',
    'custom-scheme://cb',
  ])('refuses %j', (uri) => {
    expect(redirectUriProblem(uri)).toEqual(expect.any(String));
  });
});
