import { Inject, Injectable } from '@nestjs/common';
import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';
import { AuditTrail } from '../security/audit-trail';
import { FailureThrottle } from '../security/failure-throttle';
import { matchesDigest } from '../shared/crypto';
import { ClientEntity } from './client.entity';
import { ClientRows } from './client-rows';

export interface ClientCredentialsInput {
  authorization?: string;
  body: Record<string, unknown>;
  ip?: string;
  requestId?: string;
}

interface Presented {
  clientId: string;
  secret?: string;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/**
 * RFC 6749 §2.3: `client_secret_basic` or `client_secret_post` (never both), or just `client_id`
 * for public clients. Every failure is the same `invalid_client`, throttled per source and audited.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    @Inject(ClientRows) private readonly rows: ClientRows,
    @Inject(FailureThrottle) private readonly throttle: FailureThrottle,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async authenticate(input: ClientCredentialsInput): Promise<ClientEntity> {
    const presented = presentedCredentials(input);
    // Per source only: a per-client lock would let anyone who knows a client_id lock it out.
    this.throttle.checkSecret(input.ip);
    const client = await this.rows.byId(presented.clientId);
    if (client && this.accepts(client, presented)) return client;
    this.throttle.failSecret(input.ip);
    await this.audit.denied('oauth.client_authentication', {
      actorClient: presented.clientId,
      ip: input.ip,
      requestId: input.requestId,
      reason: client ? 'bad client credentials' : 'unknown client',
    });
    throw new InvalidClient('Client authentication failed.');
  }

  private accepts(client: ClientEntity, p: Presented): boolean {
    if (client.secretHash === null) return p.method === 'none';
    // Compare even when no secret came, so timing says nothing about which clients exist.
    return matchesDigest(p.secret ?? '', client.secretHash) && p.method !== 'none';
  }
}

function presentedCredentials({ authorization, body }: ClientCredentialsInput): Presented {
  const basic = parseBasic(authorization);
  const postId = str(body['client_id']);
  const postSecret = str(body['client_secret']);
  if (basic) {
    if (postSecret !== undefined)
      throw new InvalidRequest('Use one client authentication method, not two.');
    if (postId !== undefined && postId !== basic.clientId)
      throw new InvalidRequest('client_id does not match.');
    return { ...basic, method: 'client_secret_basic' };
  }
  if (!postId) throw new InvalidClient('Client authentication is required.');
  return postSecret === undefined
    ? { clientId: postId, method: 'none' }
    : { clientId: postId, secret: postSecret, method: 'client_secret_post' };
}

/** §2.3.1: id and secret are form-urlencoded before base64, so decode them after splitting. */
function parseBasic(header?: string): { clientId: string; secret: string } | undefined {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidClient('Malformed Basic credentials.');
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new InvalidClient('Malformed Basic credentials.');
  }
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;
