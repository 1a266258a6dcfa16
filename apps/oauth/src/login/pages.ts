import type { FastifyReply } from 'fastify';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Security headers of every HTML page: no framing (clickjacking: `frame-ancestors 'none'` and
 * X-Frame-Options), no scripts at all, nothing cached.
 */
export function sendPage(
  reply: FastifyReply,
  status: number,
  title: string,
  body: string,
): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<style>body{font-family:sans-serif;max-width:24rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}</style>` +
        `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

export function loginForm(opts: {
  csrf: string;
  continueUrl?: string;
  username?: string;
  error?: string;
}): string {
  const error = opts.error ? `<p role="alert">${escapeHtml(opts.error)}</p>` : '';
  const cont = opts.continueUrl
    ? `<input type="hidden" name="continue" value="${escapeHtml(opts.continueUrl)}">`
    : '';
  return (
    `${error}<form method="post" action="/servicelogin/login">` +
    `<input type="hidden" name="_csrf" value="${escapeHtml(opts.csrf)}">${cont}` +
    `<label>User <input name="username" autocomplete="username" required value="${escapeHtml(opts.username ?? '')}"></label>` +
    `<label>Password <input name="password" type="password" autocomplete="current-password" required></label>` +
    `<button type="submit">Sign in</button></form>`
  );
}

export const messagePage = (text: string): string => `<p>${escapeHtml(text)}</p>`;

/**
 * RP-initiated logout without a hint for this session (OIDC RP-Initiated Logout 1.0 §2: the OP
 * MUST then ask the user): a button that posts the checked request back with a CSRF token.
 */
export function logoutConfirmForm(opts: {
  csrf: string;
  fields: Record<string, string | undefined>;
}): string {
  const hidden = Object.entries(opts.fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return (
    `<p>Sign out of the platform?</p><form method="post" action="/auth/oauth2/logout">` +
    `<input type="hidden" name="_csrf" value="${escapeHtml(opts.csrf)}">${hidden}` +
    `<button type="submit">Sign out</button></form>`
  );
}
