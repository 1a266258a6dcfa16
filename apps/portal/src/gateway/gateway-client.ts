import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import createClient, { type Client } from 'openapi-fetch';
import { PortalEnv } from '../config';
import { SessionEntity } from '../session/session.entity';
import { SessionEnded, SessionStore } from '../session/session.store';
import type { paths } from './gateway-api';

export type GatewayClient = Client<paths>;

/**
 * The BFF's only way to the platform's APIs: a client typed from the composed OpenAPI document
 * (`gateway-api.ts`, generated), so a changed API breaks the portal's build, not its users. Each
 * call carries the user's token and, once a context is picked, its `User-Access` (spec §2).
 */
@Injectable()
export class GatewayClients {
  constructor(
    @Inject(PortalEnv) private readonly env: PortalEnv,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  async for(
    session: SessionEntity,
    options: { withContext?: boolean } = {},
  ): Promise<GatewayClient> {
    const token = await this.sessions.accessToken(session).catch((e: unknown) => {
      if (e instanceof SessionEnded) throw new UnauthorizedException(e.message);
      throw e;
    });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.withContext !== false && session.accessId)
      headers['user-access'] = session.accessId;
    return createClient<paths>({ baseUrl: this.env.GATEWAY_URL, headers });
  }
}
