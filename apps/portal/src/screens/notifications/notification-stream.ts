import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayClients } from '../../gateway/gateway-client';
import { relay } from '../../gateway/relay';
import { ContextPicker } from '../../session/context-picker';
import { SessionEntity } from '../../session/session.entity';
import { SessionStore } from '../../session/session.store';

/**
 * Under the gateway's 30 s idle body timeout (UPSTREAM_TIMEOUT_MS) and any proxy's: a comment
 * line this often keeps the browser's stream open for hours.
 */
export const HEARTBEAT_MS = 15_000;

/**
 * Relays the notifications service's event stream (through the gateway, with the user's token)
 * to the browser. Between heartbeats it checks that the session still exists and that the access
 * is still the user's; when either has gone the stream ends, so a signed-out or revoked user
 * stops receiving within one heartbeat.
 */
@Injectable()
export class NotificationStream implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationStream.name);
  /** How to end each open stream: they never end by themselves, and must not hold a shutdown. */
  private readonly open = new Set<() => void>();

  constructor(
    @Inject(GatewayClients) private readonly gateway: GatewayClients,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(ContextPicker) private readonly contexts: ContextPicker,
  ) {}

  beforeApplicationShutdown(): void {
    for (const close of this.open) close();
  }

  async relay(session: SessionEntity, reply: FastifyReply): Promise<void> {
    const upstream = new AbortController();
    const api = await this.gateway.for(session);
    const call = api.GET('/notifications/api/messages/stream', {
      parseAs: 'stream',
      signal: upstream.signal,
    });
    const { response } = await call;
    if (!response.ok || !response.body) {
      await relay(reply, call);
      return;
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 5000\n: connected\n\n');
    let live = true;
    const close = (): void => {
      if (!live) return;
      live = false;
      this.open.delete(close);
      clearInterval(timer);
      upstream.abort();
      raw.end();
    };
    this.open.add(close);
    const timer = setInterval(() => void this.beat(session, raw, close), HEARTBEAT_MS);
    raw.on('close', close);
    try {
      for await (const chunk of response.body) {
        if (!live) break;
        raw.write(chunk);
      }
    } catch (e) {
      if (live) this.logger.warn(`notification stream ended: ${String(e)}`);
    } finally {
      close();
    }
  }

  private async beat(
    session: SessionEntity,
    raw: NodeJS.WritableStream,
    close: () => void,
  ): Promise<void> {
    try {
      const live = await this.sessions.isLive(session.idDigest);
      const stillOwn =
        live && (!session.accessId || (await this.contexts.isOwn(session, session.accessId)));
      if (!stillOwn) return close();
      raw.write(': heartbeat\n\n');
    } catch (e) {
      this.logger.warn(`notification stream check failed, closing: ${String(e)}`);
      close();
    }
  }
}
