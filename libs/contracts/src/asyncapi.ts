import { getMetadataStorage } from 'class-validator';
import { eventDefinitions } from './event';
import { nestedArrayItem } from './nested-array';

type Schema = Record<string, unknown>;

/**
 * The event catalogue as an AsyncAPI 3.0 document, generated from the same definitions the
 * code publishes and validates with, so the two cannot drift apart.
 */
export function buildAsyncApi(version = '0.1.0'): Record<string, unknown> {
  const defs = eventDefinitions().sort((a, b) => a.type.localeCompare(b.type));
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const def of defs) {
    const name = def.type.replace(/[^A-Za-z0-9]/g, '_');
    messages[name] = {
      name: def.type,
      summary: def.description,
      contentType: 'application/json',
      headers: cloudEventHeaders(def.type),
      payload: schemaOf(def.payload),
      ...(def.example === undefined
        ? {}
        : { examples: [{ name: 'example', payload: def.example }] }),
    };
    const channel = (channels[def.topic] ??= { address: def.topic, messages: {} }) as {
      messages: Record<string, unknown>;
    };
    channel.messages[name] = { $ref: `#/components/messages/${name}` };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Integration platform events',
      version,
      description:
        'CloudEvents 1.0 in Kafka binary mode: envelope in ce_* headers, JSON data as the value, keyed by aggregate id.',
    },
    defaultContentType: 'application/json',
    channels,
    components: { messages },
  };
}

function cloudEventHeaders(type: string): Schema {
  const str = { type: 'string' };
  return {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject'],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: str,
      ce_type: { type: 'string', const: type },
      ce_source: str,
      ce_time: { type: 'string', format: 'date-time' },
      ce_subject: str,
      ce_entity: str,
      ce_traceparent: str,
      traceparent: str,
      'content-type': { type: 'string', const: 'application/json' },
    },
  };
}

const TYPE_OF: Record<string, Schema> = {
  isString: { type: 'string' },
  isEmail: { type: 'string', format: 'email' },
  isBoolean: { type: 'boolean' },
  isInt: { type: 'integer' },
  isNumber: { type: 'number' },
  isArray: { type: 'array' },
  isObject: { type: 'object' },
};

/** A JSON schema read off the class-validator metadata of a payload class. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function schemaOf(cls: Function): Schema {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const properties: Record<string, Schema> = {};
  const optional = new Set<string>();
  for (const m of metas) {
    const p = (properties[m.propertyName] ??= {});
    if (m.name === 'isOptional' || m.type === 'conditionalValidation') optional.add(m.propertyName);
    if (m.name && TYPE_OF[m.name] && !p['type']) Object.assign(p, TYPE_OF[m.name]);
    if (m.name === 'isIn') p['enum'] = m.constraints?.[0] as unknown[];
    const items = m.type === 'nestedValidation' ? nestedArrayItem(cls, m.propertyName) : undefined;
    if (items) {
      Object.assign(p, { type: 'array', items: schemaOf(items) });
    } else if (m.type === 'nestedValidation') {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
      const nested = Reflect.getMetadata('design:type', cls.prototype, m.propertyName) as Function;
      if (nested && nested !== Object) Object.assign(p, schemaOf(nested));
    }
    if (m.each && p['type'] !== 'array') {
      properties[m.propertyName] = { type: 'array', items: { ...p } };
    }
  }
  const required = Object.keys(properties).filter((k) => !optional.has(k));
  return { type: 'object', properties, required };
}
