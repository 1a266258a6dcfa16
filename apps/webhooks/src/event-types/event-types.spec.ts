import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { eventDefinitions } from '@platform/contracts';
import { EventTypesController } from './event-types.controller';

/** Validated as integrators would: JSON Schema draft-07 with `format` (ajv + ajv-formats). */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

describe('GET /api/v1/event-types', () => {
  const { content } = new EventTypesController().list();

  it('lists every event type of the catalogue, then webhook.test', () => {
    expect(content.map((t) => t.type)).toEqual([
      ...eventDefinitions()
        .map((d) => d.type)
        .sort((a, b) => a.localeCompare(b)),
      'webhook.test',
    ]);
  });

  it.each(content.map((t) => [t.type, t] as const))(
    '%s: its example is valid against its JSON Schema',
    (_type, t) => {
      const validate = ajv.compile(t.schema);
      validate(t.example);
      expect(validate.errors ?? []).toEqual([]);
    },
  );

  it('the check refuses an example that breaks its schema', () => {
    const user = content.find((t) => t.type === 'user.created')!;
    const validate = ajv.compile(user.schema);
    expect(validate({ ...(user.example as object), email: 'not-an-email' })).toBe(false);
    expect(validate({ ...(user.example as object), status: 'gone' })).toBe(false);
    const { id: _id, ...withoutId } = user.example as Record<string, unknown>;
    expect(validate(withoutId)).toBe(false);
  });
});
