import { Agent, fetch as undiciFetch } from 'undici';

/**
 * fetch from a given loopback address (127.0.0.2, …), so a test can play several sources
 * (IP addresses) against one server without trusting any forwarded header.
 */
export function fetchFrom(localAddress: string): typeof fetch {
  const dispatcher = new Agent({ localAddress });
  return ((url: string, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/**
 * A minimal browser: keeps cookies, follows nothing by itself (so tests see every redirect),
 * and can fill in the login form with its CSRF token.
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  /** `send`: how it reaches the server, e.g. fetchFrom('127.0.0.2') to come from another IP. */
  constructor(private readonly send: typeof fetch = fetch) {}

  async get(url: string): Promise<Response> {
    const res = await this.send(url, { headers: this.cookieHeader(), redirect: 'manual' });
    this.keep(res);
    return res;
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    const res = await this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader() },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }

  /** Fetches the login page at `loginUrl` and submits it; returns the POST's response. */
  async login(
    base: string,
    loginUrl: string,
    username: string,
    password: string,
  ): Promise<Response> {
    const page = await this.get(new URL(loginUrl, base).toString());
    const html = await page.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cont = /name="continue" value="([^"]+)"/.exec(html)?.[1];
    const form: Record<string, string> = { _csrf: csrf, username, password };
    if (cont) form['continue'] = cont.replace(/&amp;/g, '&');
    return this.postForm(`${base}/servicelogin/login`, form);
  }

  /** Follows redirects on the server until one leaves `base` (the client's redirect URI). */
  async follow(
    base: string,
    url: string,
    limit = 5,
  ): Promise<{ res: Response; location?: string }> {
    let current = url;
    for (let i = 0; i < limit; i++) {
      const res = await this.get(new URL(current, base).toString());
      const location = res.headers.get('location');
      if (!location) return { res };
      const next = new URL(location, base).toString();
      if (!next.startsWith(base)) return { res, location: next };
      current = next;
    }
    throw new Error('too many redirects');
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c))
        this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }
}

export const pkcePair = async (): Promise<{ verifier: string; challenge: string }> => {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
