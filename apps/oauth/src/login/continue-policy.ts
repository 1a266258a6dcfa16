import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OauthEnv } from '../config';

/**
 * `continue` never leads off-platform (no open redirect): a path on this server, a URL on the
 * platform's own origin (PUBLIC_URL), or a redirect URI some client registered.
 */
@Injectable()
export class ContinuePolicy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
  ) {}

  /** The URL to go to, or undefined when `continue` is not acceptable. */
  async resolve(target: string | undefined): Promise<string | undefined> {
    if (!target) return undefined;
    // A single leading slash only: `//evil` and `/\evil` are protocol-relative to browsers.
    if (/^\/(?![/\\])/.test(target)) return target;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.origin === new URL(this.env.issuer).origin) return url.toString();
    const bare = `${url.origin}${url.pathname}`;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM oauth_clients WHERE redirect_uris ? $1 OR redirect_uris ? $2 LIMIT 1`,
      [target, bare],
    );
    return rows.length > 0 ? target : undefined;
  }
}
