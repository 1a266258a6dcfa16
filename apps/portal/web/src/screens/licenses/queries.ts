import { useQuery } from '@tanstack/react-query';
import { bff } from '../../api/bff';
import type { License, Page } from '../../api/types';

export function useLicenses(enabled = true) {
  return useQuery({
    queryKey: ['licenses'],
    enabled,
    queryFn: () => bff<Page<License>>('licenses?limit=100'),
  });
}
