/** JSON Schemas of records, derived from entity metadata, for the OpenAPI document. */
import type { EntityMeta, FieldMeta } from '../records/metadata-types'

type Schema = Record<string, unknown>

const REF = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, title: { type: 'string' } },
  required: ['id'],
}

export function fieldSchema(f: FieldMeta, mode: 'read' | 'write'): Schema {
  const nullable = (s: Schema): Schema =>
    f.required && mode === 'write' ? s : { anyOf: [s, { type: 'null' }] }
  switch (f.type) {
    case 'text':
    case 'longText':
    case 'phone':
      return nullable({ type: 'string', ...(f.maxLength ? { maxLength: f.maxLength } : {}) })
    case 'email':
      return nullable({ type: 'string', format: 'email' })
    case 'url':
      return nullable({ type: 'string', format: 'uri' })
    case 'integer':
      return nullable({
        type: 'integer',
        ...(f.min !== undefined ? { minimum: f.min } : {}),
        ...(f.max !== undefined ? { maximum: f.max } : {}),
      })
    case 'decimal':
    case 'money':
    case 'percent':
      return nullable({
        type: 'string',
        pattern: '^-?\\d+(\\.\\d+)?$',
        description: 'Decimal number as a string',
      })
    case 'computed':
      return {
        anyOf: [
          { type: f.resultType === 'text' ? 'string' : f.resultType === 'boolean' ? 'boolean' : 'string' },
          { type: 'null' },
        ],
        readOnly: true,
      }
    case 'date':
      return nullable({ type: 'string', format: 'date' })
    case 'datetime':
      return nullable({ type: 'string', format: 'date-time' })
    case 'boolean':
      return nullable({ type: 'boolean' })
    case 'select':
      return nullable({ type: 'string', enum: (f.options ?? []).map((o) => o.value) })
    case 'multiSelect':
      return { type: 'array', items: { type: 'string', enum: (f.options ?? []).map((o) => o.value) } }
    case 'belongsTo':
    case 'user':
    case 'file':
      return mode === 'read' ? nullable(REF) : nullable({ anyOf: [{ type: 'string', format: 'uuid' }, REF] })
    case 'parent':
      return nullable({
        type: 'object',
        properties: {
          entity: { type: 'string' },
          id: { type: 'string', format: 'uuid' },
          title: { type: 'string' },
        },
        required: ['entity', 'id'],
      })
    case 'address':
      return {
        type: 'object',
        properties: Object.fromEntries(
          ['street', 'postalCode', 'city', 'region', 'country'].map((p) => [
            p,
            { anyOf: [{ type: 'string' }, { type: 'null' }] },
          ]),
        ),
        additionalProperties: false,
      }
  }
}

export function recordSchemas(e: EntityMeta): { read: Schema; write: Schema } {
  const props: Record<string, Schema> = {}
  const writeProps: Record<string, Schema> = {}
  const custom: Record<string, Schema> = {}
  const customWrite: Record<string, Schema> = {}
  const required: string[] = []
  for (const f of Object.values(e.fields)) {
    if (f.origin === 'custom') {
      const key = f.name.replace(/^custom\./, '')
      custom[key] = fieldSchema(f, 'read')
      if (!f.readOnly) customWrite[key] = fieldSchema(f, 'write')
      continue
    }
    props[f.name] = fieldSchema(f, 'read')
    if (!f.readOnly && f.type !== 'computed') {
      writeProps[f.name] = fieldSchema(f, 'write')
      if (f.required) required.push(f.name)
    }
  }
  const read: Schema = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      version: { type: 'integer' },
      _title: { type: 'string' },
      owner: { anyOf: [REF, { type: 'null' }] },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      createdBy: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
      updatedBy: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
      ...props,
      custom: { type: 'object', properties: custom },
    },
    required: ['id', 'version'],
  }
  const write: Schema = {
    type: 'object',
    properties: {
      ...writeProps,
      owner: { anyOf: [{ type: 'string', format: 'uuid' }, REF] },
      custom: { type: 'object', properties: customWrite, additionalProperties: false },
    },
    required,
    additionalProperties: false,
  }
  return { read, write }
}
