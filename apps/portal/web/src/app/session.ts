import { useMutation, useQuery } from '@tanstack/react-query';
import { bff, queryClient, SESSION_KEY } from '../api/bff';
import type { SessionView } from '../api/types';

export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => bff<SessionView>('session'),
    staleTime: 60_000,
  });
}

/** Picks the context; every cached answer belonged to the previous one, so all are dropped. */
export function useSelectContext() {
  return useMutation({
    mutationFn: (accessId: string | null) =>
      bff<SessionView>('session/context', { method: 'PUT', body: { accessId } }),
    onSuccess: (session) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

/** Ends the portal's session, then the platform's login session (the browser goes there). */
export function useSignOut() {
  return useMutation({
    mutationFn: () => bff<{ continue: string }>('session/sign-out', { method: 'POST' }),
    onSuccess: ({ continue: next }) => {
      queryClient.clear();
      window.location.assign(next);
    },
  });
}

export const signInUrl = (returnTo: string) =>
  `/portal/api/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
