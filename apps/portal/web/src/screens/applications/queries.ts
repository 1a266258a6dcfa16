import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type {
  Client,
  ClientToken,
  ClientWithSecret,
  CreateClient,
  IssueClientToken,
  IssuedClientToken,
} from '../../api/types';

const KEY = ['applications'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
const at = (clientId: string, rest = '') => `applications/${encodeURIComponent(clientId)}${rest}`;

/** The context's own applications (only its admin may see them). */
export function useApplications(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list'],
    enabled,
    queryFn: () => bff<Client[]>('applications'),
  });
}

/** The scopes this user may give an application (a context admin: a safe subset). */
export function useGrantableScopes(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'scopes'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () => bff<{ grantable: string[] }>('applications/scopes'),
  });
}

export function useClientTokens(clientId: string) {
  return useQuery({
    queryKey: [...KEY, clientId, 'tokens'],
    queryFn: () => bff<ClientToken[]>(at(clientId, '/tokens')),
  });
}

export function useCreateApplication() {
  return useMutation({
    mutationFn: (body: CreateClient) =>
      bff<ClientWithSecret>('applications', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDeleteApplication() {
  return useMutation({
    mutationFn: (clientId: string) => bff<void>(at(clientId), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useRegenerateSecret() {
  return useMutation({
    mutationFn: (clientId: string) =>
      bff<ClientWithSecret & { client_secret: string }>(at(clientId, '/secret'), {
        method: 'POST',
      }),
    onSuccess: refresh,
  });
}

export function useIssueToken() {
  return useMutation({
    mutationFn: ({ clientId, body }: { clientId: string; body: IssueClientToken }) =>
      bff<IssuedClientToken>(at(clientId, '/tokens'), { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  return useMutation({
    mutationFn: ({ clientId, tokenId }: { clientId: string; tokenId: string }) =>
      bff<void>(at(clientId, `/tokens/${encodeURIComponent(tokenId)}`), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
