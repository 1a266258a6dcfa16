import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { GatewayClients } from '../gateway/gateway-client';
import { SessionEntity } from './session.entity';

interface AccessView {
  id: string;
  active?: boolean;
}

/** The user's own accesses, as authorizations lists them (`002_*` `@me/access`). */
@Injectable()
export class ContextPicker {
  constructor(@Inject(GatewayClients) private readonly gateway: GatewayClients) {}

  /** True when the access is one of the user's and active (checked again by the gateway on every call). */
  async isOwn(session: SessionEntity, accessId: string): Promise<boolean> {
    const client = await this.gateway.for(session, { withContext: false });
    const { data, response } = await client.GET('/user-accounts/v0.1/api/suite/users/@me/access');
    if (!response.ok) return false;
    const list = listOf<AccessView>(data);
    return list.some((a) => a.id === accessId && a.active !== false);
  }

  async assertOwn(session: SessionEntity, accessId: string): Promise<void> {
    if (!(await this.isOwn(session, accessId)))
      throw new ForbiddenException('accessId: not one of your active accesses.');
  }
}

/** The platform's lists come as `{content: [...]}` (spec §4) or as a bare array (`002_*` @me). */
export function listOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const content = (data as { content?: unknown } | undefined)?.content;
  return Array.isArray(content) ? (content as T[]) : [];
}
