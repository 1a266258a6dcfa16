import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type { ChannelRequest, Integration, Page, UpdateChannels } from '../../api/types';

const KEY = ['integration'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

export type RequestedChannel = 'connect-direct' | 'sftp';

/** The context's integration, kept by authorizations (channels, homologation, pending requests). */
export function useIntegration(enabled = true, poll?: (data?: Integration) => number | false) {
  return useQuery({
    queryKey: [...KEY, 'context'],
    enabled,
    queryFn: () => bff<Integration>('integration'),
    refetchInterval: poll ? (q) => poll(q.state.data) : false,
  });
}

export function useUpdateChannels() {
  return useMutation({
    mutationFn: (body: UpdateChannels) => bff<Integration>('integration', { method: 'PUT', body }),
    onSuccess: (data) => queryClient.setQueryData([...KEY, 'context'], data),
  });
}

export function useRequestChannel() {
  return useMutation({
    mutationFn: (body: { channel: RequestedChannel; message?: string }) =>
      bff<ChannelRequest>('integration/channel-requests', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** Every context's pending requests (platform administrators). */
export function usePendingChannelRequests(enabled: boolean) {
  const filter = encodeURIComponent("status = 'pending'");
  return useQuery({
    queryKey: [...KEY, 'requests', 'pending'],
    enabled,
    queryFn: () =>
      bff<Page<ChannelRequest>>(`integration/channel-requests?limit=100&filter=${filter}`),
  });
}

export function useMarkRequestDone() {
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      bff<ChannelRequest>(`integration/channel-requests/${encodeURIComponent(id)}/done`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
    onSuccess: refresh,
  });
}
