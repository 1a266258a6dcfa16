import { useQuery } from '@tanstack/react-query';
import { bff } from '../../api/bff';
import type { AuditEvent, ChainVerification, Page } from '../../api/types';
import { PAGE_SIZE } from '../../components/Pager';

export interface AuditFilters {
  type: string;
  outcome: string;
  actor: string;
  from: string;
  to: string;
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The spec §4 filter expression for the chosen filters (fields from audit's allow-list). */
export function filterExpression(f: AuditFilters): string {
  const parts: string[] = [];
  if (f.type.trim()) parts.push(`type like ${quote(`%${f.type.trim()}%`)}`);
  if (f.outcome) parts.push(`outcome = ${quote(f.outcome)}`);
  if (f.actor.trim()) parts.push(`actor = ${quote(f.actor.trim())}`);
  if (f.from) parts.push(`time >= ${quote(`${f.from}T00:00:00Z`)}`);
  if (f.to) parts.push(`time <= ${quote(`${f.to}T23:59:59Z`)}`);
  return parts.join(' and ');
}

export function useAuditEvents(filters: AuditFilters, offset: number) {
  const filter = filterExpression(filters);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (filter) query.set('filter', filter);
  return useQuery({
    queryKey: ['audit', 'events', filter, offset],
    queryFn: () => bff<Page<AuditEvent>>(`audit/events?${query.toString()}`),
  });
}

export function useChainVerification() {
  return useQuery({
    queryKey: ['audit', 'verification'],
    queryFn: () => bff<ChainVerification>('audit/verification'),
    staleTime: 60_000,
  });
}
