import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type { Delivery, Page, SaveSubscription, Subscription } from '../../api/types';

const KEY = ['webhooks'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useSubscriptions(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list'],
    enabled,
    queryFn: () => bff<Page<Subscription>>('webhooks?limit=100'),
  });
}

export function useSubscription(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: () => bff<Subscription>(`webhooks/${encodeURIComponent(id)}`),
  });
}

/** The delivery log; refreshed every 2 s while a delivery is still pending. */
export function useDeliveries(id: string) {
  return useQuery({
    queryKey: [...KEY, id, 'deliveries'],
    queryFn: () => bff<Page<Delivery>>(`webhooks/${encodeURIComponent(id)}/deliveries?limit=50`),
    refetchInterval: (q) =>
      q.state.data?.content.some((d) => d.status === 'pending') ? 2000 : false,
  });
}

export function useCreateSubscription() {
  return useMutation({
    mutationFn: (body: SaveSubscription) => bff<Subscription>('webhooks', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useReplaceSubscription(id: string) {
  return useMutation({
    mutationFn: (body: SaveSubscription) =>
      bff<Subscription>(`webhooks/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useRotateSecret(id: string) {
  return useMutation({
    mutationFn: () =>
      bff<Subscription>(`webhooks/${encodeURIComponent(id)}/secret/rotate`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useSendTest(id: string) {
  return useMutation({
    mutationFn: () => bff<unknown>(`webhooks/${encodeURIComponent(id)}/test`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useRetryDelivery(id: string) {
  return useMutation({
    mutationFn: (deliveryId: string) =>
      bff<unknown>(
        `webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`,
        { method: 'POST' },
      ),
    onSuccess: refresh,
  });
}
