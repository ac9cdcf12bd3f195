/**
 * The parts of an entity's OpenAPI description that depend on its metadata beyond the record schema: the
 * `filter[field][op]` parameter (each field with the operators it accepts), bulk operations, link and
 * unlink, and restore and purge from the trash.
 * @module
 */
import { ADDRESS_PARTS } from '../entity/fields'
import type { EntityMeta } from '../records/metadata-types'

export type Op = Record<string, unknown>

const problem = { $ref: '#/components/responses/Problem' }
/** The problem answers every record route may give. */
export const errors = {
  '400': problem,
  '401': problem,
  '403': problem,
  '404': problem,
  '409': problem,
  '422': problem,
}
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const TEXT_OPS = ['eq', 'ne', 'in', 'isNull', 'contains', 'startsWith']

function json(schema: unknown, description = 'OK') {
  return { description, content: { 'application/json': { schema } } }
}

function opsSchema(ops: string[]) {
  const properties: Record<string, unknown> = {}
  for (const op of ops) {
    properties[op] =
      op === 'isNull'
        ? { type: 'string', enum: ['true', 'false'] }
        : op === 'in' || op === 'between'
          ? {
              type: 'string',
              description: op === 'in' ? 'Comma-separated values' : 'Two comma-separated bounds',
            }
          : { type: 'string' }
  }
  return { type: 'object', properties, additionalProperties: false }
}

/** `filter[field][op]=value`: every filterable field (and address part) with its operators. */
export function filterParam(meta: EntityMeta) {
  const properties: Record<string, unknown> = {}
  const standard = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'isNull']
  properties.createdAt = opsSchema(standard)
  properties.updatedAt = opsSchema(standard)
  properties.owner = opsSchema(['eq', 'ne', 'in', 'isNull'])
  for (const [key, f] of Object.entries(meta.fields)) {
    if (!f.operators.length) continue
    properties[key] = opsSchema(f.operators)
    if (f.type === 'address' && f.origin === 'entity')
      for (const part of ADDRESS_PARTS) properties[`${key}.${part}`] = opsSchema(TEXT_OPS)
  }
  return {
    name: 'filter',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description:
      'filter[field][op]=value; a bare filter[field]=value means eq. Dates as YYYY-MM-DD, amounts as decimal strings, references by id.',
    schema: { type: 'object', properties, additionalProperties: false },
  }
}

/** Link kinds usable from this entity: its own and the inverse side of others'. */
function linkKinds(meta: EntityMeta): string[] {
  return meta.relatedLists
    .filter((r) => r.via.startsWith('link:'))
    .map((r) => {
      const [, kind, side] = r.via.split(':')
      return side === 'inverse' ? `${kind}.inverse` : kind
    })
}

export function recordExtraPaths(meta: EntityMeta, name: string): Record<string, Record<string, Op>> {
  const tags = [meta.ref]
  const base = `/api/v1/records/${meta.ref}`
  const paths: Record<string, Record<string, Op>> = {}
  const countBody = json({ type: 'object', properties: { count: { type: 'integer' } } })
  paths[`${base}/bulk`] = {
    post: {
      tags,
      operationId: `bulk_${name}`,
      summary: 'Trash or update up to 500 records at once, all or nothing',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                action: { type: 'string', enum: ['delete', 'update'] },
                ids: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 500 },
                data: { $ref: `#/components/schemas/${name}_write` },
              },
              required: ['action', 'ids'],
            },
          },
        },
      },
      responses: { '200': countBody, ...errors },
    },
  }
  for (const kind of linkKinds(meta)) {
    const op = kind.replace(/[^A-Za-z0-9]/g, '_')
    paths[`${base}/{id}/links/${kind}`] = {
      post: {
        tags,
        operationId: `link_${name}_${op}`,
        parameters: [idParam],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  target: { type: 'string', format: 'uuid' },
                  role: { type: ['string', 'null'] },
                },
                required: ['target'],
              },
            },
          },
        },
        responses: { '201': json({ type: 'object' }, 'Linked'), ...errors },
      },
    }
    paths[`${base}/{id}/links/${kind}/{target}`] = {
      delete: {
        tags,
        operationId: `unlink_${name}_${op}`,
        parameters: [
          idParam,
          { name: 'target', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: { '200': json({ type: 'object' }), ...errors },
      },
    }
  }
  if (meta.can.restore !== 'none') {
    paths[`/api/v1/trash/${meta.ref}/{id}/restore`] = {
      post: {
        tags,
        operationId: `restore_${name}`,
        summary: 'Restore the batch the record heads; a parent in the trash needs withParents=true',
        parameters: [idParam, { name: 'withParents', in: 'query', schema: { type: 'boolean' } }],
        responses: {
          '200': json({ type: 'object', properties: { restored: { type: 'integer' } } }),
          ...errors,
        },
      },
    }
  }
  if (meta.can.purge !== 'none') {
    paths[`/api/v1/trash/${meta.ref}/{id}`] = {
      delete: {
        tags,
        operationId: `purge_${name}`,
        summary: 'Delete the batch the record heads for good, children first',
        parameters: [idParam],
        responses: {
          '200': json({ type: 'object', properties: { purged: { type: 'integer' } } }),
          ...errors,
        },
      },
    }
  }
  return paths
}

/** Query parameters of `GET /api/v1/trash`. */
export const trashListParams = [
  { name: 'entity', in: 'query', schema: { type: 'string' } },
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
  { name: 'deletedBy', in: 'query', schema: { type: 'string', format: 'uuid' } },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
]
