import { createRequire } from 'node:module';

interface CompositeMapper {
  type: { additionalProperties?: { type: { name: string } } };
}

/**
 * Lets outgoing activities keep every field of their entities. The Bot Framework spec allows any fields on an
 * entity, and the connector's Activity mapper says so, but @azure/core-client serialises array elements with the
 * named `Entity` model instead, which knows only type/text/mentioned: a schema.org entity (Web Chat's feedback
 * buttons) would reach the channel as `{ type }` alone. Idempotent.
 */
export function keepEntityFields(): void {
  // the same module instance the connector's serializer holds (CommonJS, cached by path)
  const mappers = createRequire(import.meta.url)('botframework-connector/lib/connectorApi/models/mappers.js') as {
    Entity: CompositeMapper;
  };
  mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
