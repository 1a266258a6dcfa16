import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type { Client, ClientToken, CreateClient, IssuedClientToken } from '../../api/types';

const KEY = ['applications'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useApplications(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'list'],
    enabled,
    queryFn: () => bff<Client[]>('applications'),
  });
}

export function useClientTokens(clientId: string) {
  return useQuery({
    queryKey: [...KEY, clientId, 'tokens'],
    queryFn: () => bff<ClientToken[]>(`applications/${encodeURIComponent(clientId)}/tokens`),
  });
}

export function useCreateApplication() {
  return useMutation({
    mutationFn: (body: CreateClient) =>
      bff<Client & { client_secret?: string }>('applications', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRegenerateSecret() {
  return useMutation({
    mutationFn: (clientId: string) =>
      bff<Client & { client_secret: string }>(
        `applications/${encodeURIComponent(clientId)}/secret`,
        { method: 'POST' },
      ),
    onSuccess: refresh,
  });
}

export function useIssueToken() {
  return useMutation({
    mutationFn: ({ clientId, description }: { clientId: string; description?: string }) =>
      bff<IssuedClientToken>(`applications/${encodeURIComponent(clientId)}/tokens`, {
        method: 'POST',
        body: description ? { description } : {},
      }),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  return useMutation({
    mutationFn: ({ clientId, tokenId }: { clientId: string; tokenId: string }) =>
      bff<void>(
        `applications/${encodeURIComponent(clientId)}/tokens/${encodeURIComponent(tokenId)}`,
        { method: 'DELETE' },
      ),
    onSuccess: refresh,
  });
}
