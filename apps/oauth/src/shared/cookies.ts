import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Just the cookies this server needs. (@fastify/cookie loads its `cookie` dependency with a
 * dynamic ESM import, which jest's CommonJS runtime cannot run; the two functions it would give
 * us are small enough to own.)
 */
export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'strict' | 'lax';
  secure: boolean;
  path: string;
  maxAge?: number;
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  o: CookieOptions,
): void {
  const attrs = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path}`,
    `SameSite=${o.sameSite === 'strict' ? 'Strict' : 'Lax'}`,
  ];
  if (o.httpOnly) attrs.push('HttpOnly');
  if (o.secure) attrs.push('Secure');
  if (o.maxAge !== undefined) attrs.push(`Max-Age=${o.maxAge}`);
  appendSetCookie(reply, attrs.join('; '));
}

export function clearCookie(reply: FastifyReply, name: string, path: string): void {
  appendSetCookie(reply, `${name}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Lax`);
}

function appendSetCookie(reply: FastifyReply, cookie: string): void {
  const current = reply.getHeader('set-cookie');
  const list =
    current === undefined ? [] : Array.isArray(current) ? current.map(String) : [String(current)];
  void reply.header('set-cookie', [...list, cookie]);
}
