import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { bff, queryClient } from '../../api/bff';
import type { Message, Page } from '../../api/types';
import { PAGE_SIZE } from '../../components/Pager';

const KEY = ['notifications'] as const;

export function useNotifications(offset: number) {
  return useQuery({
    queryKey: [...KEY, 'list', offset],
    queryFn: () => bff<Page<Message>>(`notifications?limit=${PAGE_SIZE}&offset=${offset}`),
  });
}

/** The unread count (one page of up to 100; more shows as "99+"). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'unread'],
    enabled,
    queryFn: async () => {
      const page = await bff<Page<Message>>('notifications/unread?limit=100');
      const count = page.content.length;
      return { count, label: page.hasNext || count > 99 ? '99+' : String(count) };
    },
  });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useMarkRead() {
  return useMutation({
    mutationFn: (id: string) => bff<Message>(`notifications/${id}/read`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useMarkAllRead() {
  return useMutation({
    mutationFn: () => bff<{ read: number }>('notifications/read-all', { method: 'POST' }),
    onSuccess: refresh,
  });
}

/**
 * Live: the BFF's event stream (server-sent events relayed from the notifications service). A new
 * message refreshes the inbox and the count; the browser reconnects by itself if it drops.
 */
export function useNotificationStream(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return undefined;
    const source = new EventSource('/portal/api/notifications/stream');
    const onMessage = () => void refresh();
    source.addEventListener('message', onMessage);
    return () => source.close();
  }, [enabled]);
}
