import type { NotificationPayload } from '@platform/contracts';
import type { MessageEntity } from '../message.entity';
import { isHttpUrl } from './http-url';

/** The context a message is addressed to; `database` null means every database of the entity. */
export class MessageContextResponse {
  entity: string;
  database: string | null;
}

/** A message as the `002_*` API shows it, with `read` for the caller. */
export class MessageResponse {
  id: string;
  systemId: string | null;
  text: string;
  link: string | null;
  source: string | null;
  user: string | null;
  priority: number | null;
  read: boolean;
  process: boolean;
  progress: boolean;
  cancellationLink: string | null;
  trackingLink: string | null;
  status: string | null;
  percentage: number | null;
  destination: 'USER' | 'CONTEXT' | 'PLATFORM_ADMINS';
  aggregationMessageId: string | null;
  context: MessageContextResponse | null;
  type: string | null;
  icon: string | null;
  closed: boolean;
  contextDestined: boolean;
  userDestined: boolean;
  createdAt: string;
}

/** The answer of `read-all`: how many messages it marked read. */
export class ReadAllResponse {
  read: number;
}

export function toMessageResponse(m: MessageEntity, read = Boolean(m.readMark)): MessageResponse {
  return {
    id: m.id,
    systemId: m.systemId,
    text: m.text,
    link: safeLink(m.link),
    source: m.source,
    user: m.user,
    priority: m.priority,
    read,
    process: m.process,
    progress: m.progress,
    cancellationLink: safeLink(m.cancellationLink),
    trackingLink: safeLink(m.trackingLink),
    status: m.status,
    percentage: m.percentage,
    destination: m.destination,
    aggregationMessageId: m.aggregationMessageId,
    context: m.entity === null ? null : { entity: m.entity, database: m.database },
    type: m.type,
    icon: m.icon,
    closed: m.closed,
    contextDestined: m.destination === 'CONTEXT',
    userDestined: m.destination === 'USER',
    createdAt: m.createdAt.toISOString(),
  };
}

/** Stored before links were checked, a non-http(s) link is never handed to a client to render. */
const safeLink = (link: string | null): string | null =>
  link !== null && isHttpUrl(link) ? link : null;

/**
 * The event of a message. A message to the platform's administrators keeps the context it is
 * about on the row (they see it), but its event names none: it is not the context's message, and
 * no context's webhook subscription may receive it.
 */
export function toNotificationPayload(m: MessageEntity): NotificationPayload {
  const admins = m.destination === 'PLATFORM_ADMINS';
  const optional = {
    user: m.user,
    entity: admins ? null : m.entity,
    database: admins ? null : m.database,
    type: m.type,
  };
  const present = Object.entries(optional).filter(([, v]) => v !== null);
  return { id: m.id, destination: m.destination, text: m.text, ...Object.fromEntries(present) };
}
