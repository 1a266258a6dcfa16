import { QueryClient } from '@tanstack/react-query';
import type { SessionView } from './types';

/** The one cache of server state (TanStack Query); nothing is copied into other globals. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const SESSION_KEY = ['session'] as const;

/** A refused call, as RFC 9457 problem details; `fields` maps each bad field to its messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(detail);
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
}

async function toError(res: Response): Promise<ApiError> {
  const problem = (await res.json().catch(() => ({}))) as Problem;
  const fields: Record<string, string[]> = {};
  for (const e of problem.errors ?? [])
    fields[e.field] = [...(fields[e.field] ?? []), ...e.messages];
  return new ApiError(res.status, problem.detail ?? problem.title ?? res.statusText, fields);
}

/**
 * Calls the portal's BFF (never the platform directly). The session cookie rides along by
 * itself; state-changing calls carry the session's CSRF token in `x-csrf-token`.
 */
export async function bff<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET')
    headers['x-csrf-token'] = queryClient.getQueryData<SessionView>(SESSION_KEY)?.csrfToken ?? '';
  const res = await fetch(`/portal/api/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  if (!res.ok) throw await toError(res);
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
