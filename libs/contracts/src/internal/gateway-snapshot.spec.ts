import 'reflect-metadata';
import { snapshotPage } from './gateway-snapshot';

describe('snapshotPage', () => {
  const rows = [{ id: 'a' }, { id: 'b' }];
  const toRecord = (r: { id: string }) => ({ key: r.id.toUpperCase() });

  it('a full page names its last key as the next cursor', () => {
    expect(snapshotPage(rows, 2, toRecord)).toEqual({
      items: [{ key: 'A' }, { key: 'B' }],
      next: 'b',
    });
  });

  it('a short page is the last one', () => {
    expect(snapshotPage(rows, 3, toRecord).next).toBeNull();
    expect(snapshotPage([], 3, toRecord)).toEqual({ items: [], next: null });
  });

  it('numeric keys become string cursors', () => {
    expect(snapshotPage([{ id: 7 }, { id: 9 }], 2, (r) => r.id).next).toBe('9');
  });
});
