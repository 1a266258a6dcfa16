import { schemaOf } from '../asyncapi';
import { eventDefinitions } from '../event';
import { eventContextOf } from './context.dto';
import './index';

describe('eventContextOf', () => {
  it('reads a nested context first', () => {
    const data = { id: 'a', entity: 'other', context: { entity: 'E', database: 'D' } };
    expect(eventContextOf(data)).toEqual({ entity: 'E', database: 'D' });
  });

  it('reads top-level entity and database', () => {
    expect(eventContextOf({ id: 'l', entity: 'E', database: 'D' })).toEqual({
      entity: 'E',
      database: 'D',
    });
  });

  it('leaves out what the payload does not have, or has as something other than text', () => {
    expect(eventContextOf({ entity: 'E' })).toEqual({ entity: 'E' });
    expect(eventContextOf({ entity: 'E', database: 7 })).toEqual({ entity: 'E' });
    expect(eventContextOf({ entity: '', database: '' })).toEqual({});
    expect(eventContextOf(null)).toEqual({});
    expect(eventContextOf('E')).toEqual({});
  });
});

describe('the context convention of the event catalogue', () => {
  type Props = Record<string, { properties?: Props }>;

  it('gives every payload that names an entity its database too (spec §5)', () => {
    const offending = eventDefinitions().filter((def) => {
      const props = (schemaOf(def.payload) as { properties: Props }).properties;
      const where = props['context']?.properties ?? props;
      return 'entity' in where !== 'database' in where;
    });
    expect(offending.map((d) => d.type)).toEqual([]);
  });
});
