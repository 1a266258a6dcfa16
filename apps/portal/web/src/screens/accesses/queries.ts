import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type { Access, AccessRequest, Page } from '../../api/types';

export function useAccesses() {
  return useQuery({
    queryKey: ['accesses', 'list'],
    queryFn: () => bff<Page<Access>>('accesses?limit=100'),
  });
}

export function useAccessRequests() {
  return useQuery({
    queryKey: ['accesses', 'requests'],
    queryFn: () =>
      bff<Page<AccessRequest>>(
        `access-requests?limit=100&filter=${encodeURIComponent("status = 'pending'")}`,
      ),
  });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: ['accesses'] });

export function useDecideRequest() {
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'allow' | 'deny' }) =>
      bff<AccessRequest>(`access-requests/${id}/${decision}`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useRevokeAccess() {
  return useMutation({
    mutationFn: (id: string) => bff<void>(`accesses/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
