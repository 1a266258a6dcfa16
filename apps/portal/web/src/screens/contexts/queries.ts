import { useQuery } from '@tanstack/react-query';
import { bff } from '../../api/bff';
import type { Access, Entity, Page } from '../../api/types';

export function useMyAccesses() {
  return useQuery({
    queryKey: ['me', 'accesses'],
    queryFn: () => bff<Page<Access>>('me/accesses'),
  });
}

export function useCurrentEntity(enabled: boolean) {
  return useQuery({
    queryKey: ['home', 'entity'],
    queryFn: () => bff<Entity>('home/entity'),
    enabled,
  });
}
