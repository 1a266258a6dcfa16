import { eventDefinitions, validatePayload } from './event';
import { eventTypeDocs } from './catalogue';
import './events';

type ObjectSchema = { properties?: Record<string, ObjectSchema>; items?: ObjectSchema };

/** Keys of `value` that the schema does not name (a misspelt example field), as paths. */
function unknownKeys(value: unknown, schema: ObjectSchema, path = ''): string[] {
  if (Array.isArray(value) && schema.items)
    return value.flatMap((v, i) => unknownKeys(v, schema.items!, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null || !schema.properties) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const property = schema.properties![k];
    return property ? unknownKeys(v, property, `${path}.${k}`) : [`${path}.${k}`];
  });
}

/*
 * The JSON Schema check of every example (with ajv, as integrators would) is in
 * apps/webhooks/src/event-types/event-types.spec.ts: a contracts lib imports nothing but validation.
 */
describe('the event-type catalogue (GET /api/v1/event-types)', () => {
  const docs = eventTypeDocs();

  it('lists every event definition once, with a description, topic, schema and example', () => {
    expect(docs.map((d) => d.type)).toEqual(
      eventDefinitions()
        .map((d) => d.type)
        .sort((a, b) => a.localeCompare(b)),
    );
    const incomplete = docs.filter((d) => !d.description || !d.topic || d.example === null);
    expect(incomplete.map((d) => d.type)).toEqual([]);
  });

  it.each(docs.map((d) => [d.type, d] as const))(
    '%s: the example is a valid payload and names only fields of the schema',
    (type, doc) => {
      expect(unknownKeys(doc.example, doc.schema as ObjectSchema)).toEqual([]);
      const def = eventDefinitions().find((d) => d.type === type)!;
      expect(() => validatePayload(def, doc.example)).not.toThrow();
    },
  );

  it('finds a misspelt field of an example', () => {
    const user = docs.find((d) => d.type === 'user.created')!;
    expect(unknownKeys({ ...(user.example as object), nmae: 'x' }, user.schema)).toEqual(['.nmae']);
  });
});
