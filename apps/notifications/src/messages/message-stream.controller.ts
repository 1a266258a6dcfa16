import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { concatMap, from, interval, map, merge, Observable, startWith } from 'rxjs';
import { Principal, Scopes } from '@platform/auth';
import { NotificationsEnv } from '../config';
import { readerOf } from '../shared/reader';
import { toMessageResponse } from './dto/message.response';
import { MessagesRepository } from './messages.repository';

/** How often a stream looks for new messages; a database poll works the same with any number of instances. */
const POLL_MS = 1000;
/**
 * A comment line this often keeps an idle stream open through the gateway (its 30 s
 * UPSTREAM_TIMEOUT_MS applies between chunks) and any proxy: a stream may stay open for hours.
 */
export const HEARTBEAT_MS = 15_000;

/**
 * `GET /notifications/api/messages/stream`: server-sent events (`event: message`) for each new
 * message the caller can see, from the moment it connects. Reconnecting clients list
 * `/messages/unreads` for what they missed; the stream is a live feed, not a replay log.
 * A comment line (`: keep-alive`) goes out at once, which sends the headers, and then every
 * SSE_HEARTBEAT_MS: an idle stream stays open through the gateway and proxies for hours.
 */
@ApiTags('messages')
@Scopes('notifications.suite')
@Controller('notifications/api')
export class MessageStreamController {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly env: NotificationsEnv,
  ) {}

  @Sse('messages/stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-sent events: `event: message` with a message (the JSON of `MessageResponse`) as `data` and its id as `id`, and `: keep-alive` comments.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(@Principal() caller: Principal): Observable<MessageEvent> {
    const reader = readerOf(caller);
    let cursor = { at: new Date(), id: '00000000-0000-0000-0000-000000000000' };
    const messages = interval(POLL_MS).pipe(
      concatMap(() => this.messages.newerThan(reader, cursor)),
      concatMap((found) => {
        const last = found.at(-1);
        if (last) cursor = { at: last.createdAt, id: last.id };
        return from(found.map((m) => ({ id: m.id, type: 'message', data: toMessageResponse(m) })));
      }),
    );
    const heartbeats = interval(this.env.SSE_HEARTBEAT_MS).pipe(
      startWith(0),
      map((): MessageEvent => ({ comment: 'keep-alive' })),
    );
    return merge(heartbeats, messages);
  }
}
