import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { useFormat } from '../../components/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './queries';

/** Screen 7: the inbox, newest first, live; unread ones stand out and can be marked read. */
/** Who a message was for (`PLATFORM_ADMINS`: every platform administrator). */
const AUDIENCE = { USER: 'toYou', CONTEXT: 'toContext', PLATFORM_ADMINS: 'toAdmins' } as const;

export function NotificationsScreen() {
  const { t } = useTranslation('notifications');
  const [offset, setOffset] = useState(0);
  const list = useNotifications(offset);
  const unread = useUnreadCount(true);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const format = useFormat();
  const messages = list.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p role="status" aria-live="polite" data-testid="unread-count">
        {unread.data ? t('unread', { count: unread.data.count }) : ''}
      </p>
      <div className="actions">
        <Button
          className="btn btn-secondary"
          onPress={() => markAll.mutate()}
          isDisabled={!unread.data?.count || markAll.isPending}
        >
          {t('markAll')}
        </Button>
      </div>
      <QueryState isLoading={list.isLoading} error={list.error} />
      <ErrorMessage error={markRead.error ?? markAll.error} />
      {list.data && messages.length === 0 ? <p>{t('empty')}</p> : null}
      <ul className="inbox">
        {messages.map((m) => (
          <li key={m.id} className={m.read ? 'message' : 'message unread'}>
            <p className="message-text">
              {m.read ? null : <span className="tag">{t('new')}</span>} {m.text}
            </p>
            <p className="hint">
              {format.dateTime(m.createdAt)} · {t(AUDIENCE[m.destination])}
            </p>
            {m.read ? null : (
              <Button
                className="btn btn-small"
                onPress={() => markRead.mutate(m.id)}
                aria-label={t('markReadLabel', { text: m.text })}
              >
                {t('markRead')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Pager offset={offset} hasNext={Boolean(list.data?.hasNext)} onChange={setOffset} />
    </>
  );
}
