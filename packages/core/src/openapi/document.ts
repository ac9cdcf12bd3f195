/**
 * `GET /api/v1/openapi.json`: OpenAPI 3.1 for the generic routes of every entity the caller may read in
 * the tenant's enabled plugins, the plugins' own routes, and the core routes.
 * @module
 */
import type { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { entityMeta } from '../records/metadata'
import type { RequestContext } from '../records/context'
import { errors, filterParam, type Op, recordExtraPaths, trashListParams } from './record-paths'
import { recordSchemas } from './schemas'

function json(schema: unknown, description = 'OK') {
  return { description, content: { 'application/json': { schema } } }
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const listParams = [
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Typo-tolerant search' },
  {
    name: 'sort',
    in: 'query',
    schema: { type: 'string' },
    description: 'Fields, minus for descending: -amount,name',
  },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
  { name: 'count', in: 'query', schema: { type: 'boolean' } },
  { name: 'fields', in: 'query', schema: { type: 'string' } },
]

export async function openApiDocument(
  ctx: RequestContext,
  pluginApps: Map<string, Hono<AppEnv>>,
): Promise<Record<string, unknown>> {
  const paths: Record<string, Record<string, Op>> = {}
  const schemas: Record<string, unknown> = {}
  // Entities the caller may read; a related list filters on the listed entity's fields.
  const metas = new Map<string, Awaited<ReturnType<typeof entityMeta>>>()
  for (const e of ctx.core.registry.entities.values())
    if (ctx.enabled.has(e.plugin) && ctx.access.can(`${e.ref}.read`))
      metas.set(e.ref, await entityMeta(ctx, e.ref))
  const related = new Map([...metas].map(([ref, m]) => [ref, [filterParam(m)]]))
  for (const e of ctx.core.registry.entities.values()) {
    const meta = metas.get(e.ref)
    if (!meta) continue
    const { read, write } = recordSchemas(meta)
    const name = e.ref.replace(/[^A-Za-z0-9]/g, '_')
    schemas[name] = read
    schemas[`${name}_write`] = write
    const ref = { $ref: `#/components/schemas/${name}` }
    const wref = { $ref: `#/components/schemas/${name}_write` }
    const list = {
      type: 'object',
      properties: {
        data: { type: 'array', items: ref },
        nextCursor: { type: ['string', 'null'] },
        total: { type: 'integer' },
        totalCapped: { type: 'boolean' },
      },
    }
    const base = `/api/v1/records/${e.ref}`
    const tag = [e.ref]
    const entityListParams = [...listParams, filterParam(meta)]
    paths[base] = {
      get: {
        tags: tag,
        operationId: `list_${name}`,
        parameters: entityListParams,
        responses: { '200': json(list), ...errors },
      },
      post: {
        tags: tag,
        operationId: `create_${name}`,
        requestBody: { required: true, content: { 'application/json': { schema: wref } } },
        responses: { '201': json(ref, 'Created'), ...errors },
      },
    }
    paths[`${base}/{id}`] = {
      get: {
        tags: tag,
        operationId: `get_${name}`,
        parameters: [idParam],
        responses: { '200': json(ref), ...errors },
      },
      patch: {
        tags: tag,
        operationId: `update_${name}`,
        parameters: [idParam],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { type: 'object', properties: { version: { type: 'integer' } }, required: ['version'] },
                  { ...wref },
                ],
              },
            },
          },
        },
        responses: { '200': json(ref), ...errors },
      },
      delete: {
        tags: tag,
        operationId: `trash_${name}`,
        parameters: [idParam],
        responses: {
          '200': json({
            type: 'object',
            properties: { batchId: { type: 'string' }, count: { type: 'integer' } },
          }),
          ...errors,
        },
      },
    }
    paths[`${base}/{id}/history`] = {
      get: {
        tags: tag,
        operationId: `history_${name}`,
        parameters: [idParam],
        responses: { '200': json({ type: 'object' }), ...errors },
      },
    }
    for (const r of meta.relatedLists) {
      paths[`${base}/{id}/related/${r.id}`] = {
        get: {
          tags: tag,
          operationId: `related_${name}_${r.id.replace(/[^A-Za-z0-9]/g, '_')}`,
          parameters: [idParam, ...listParams, ...(related.get(r.entity) ?? [])],
          responses: { '200': json({ type: 'object' }), ...errors },
        },
      }
    }
    Object.assign(paths, recordExtraPaths(meta, name))
    paths[`${base}/{id}/pdf/{template}`] = {
      get: {
        tags: tag,
        operationId: `pdf_${name}`,
        parameters: [
          idParam,
          {
            name: 'template',
            in: 'path',
            required: true,
            schema: { type: 'string' },
            description: 'core.sheet or a plugin template',
          },
        ],
        responses: {
          '200': {
            description: 'PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errors,
        },
      },
    }
    if (meta.can.import !== 'none') {
      paths[`/api/v1/import/${e.ref}`] = {
        post: {
          tags: tag,
          operationId: `import_${name}`,
          parameters: [
            'mode',
            'key',
            'dryRun',
            'delimiter',
            'encoding',
            'dateFormat',
            'decimal',
            'mapping',
          ].map((n) => ({ name: n, in: 'query', schema: { type: 'string' } })),
          requestBody: {
            required: true,
            content: {
              'text/csv': { schema: { type: 'string' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { file: { type: 'string', format: 'binary' }, mapping: { type: 'string' } },
                },
              },
            },
          },
          responses: {
            '202': json(
              { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
              'Accepted',
            ),
            ...errors,
          },
        },
      }
    }
    if (meta.can.export !== 'none') {
      paths[`/api/v1/export/${e.ref}`] = {
        get: {
          tags: tag,
          operationId: `export_${name}`,
          parameters: [
            ...entityListParams,
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['excel', 'csv'] } },
          ],
          responses: {
            '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
            ...errors,
          },
        },
      }
    }
    for (const a of meta.actions) {
      paths[`${base}/{id}/actions/${a.id}`] = {
        post: {
          tags: tag,
          operationId: `action_${name}_${a.id}`,
          parameters: [idParam],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': json({ type: 'object' }), ...errors },
        },
      }
    }
  }
  for (const [id, app] of pluginApps) {
    if (!ctx.enabled.has(id)) continue
    for (const r of app.routes) {
      if (r.method === 'ALL') continue
      const path = `/api/v1/p/${id}${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`.replace(/\/$/, '')
      const params = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }))
      paths[path] ??= {}
      paths[path][r.method.toLowerCase()] = {
        tags: [id],
        operationId: `${id}_${r.method.toLowerCase()}_${r.path.replace(/[^A-Za-z0-9]/g, '_')}`,
        parameters: params,
        responses: { '200': json({}), ...errors },
      }
    }
  }
  paths['/api/v1/import/jobs/{id}'] = {
    get: {
      tags: ['core'],
      operationId: 'import_job',
      parameters: [idParam],
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  paths['/api/v1/import/jobs/{id}/cancel'] = {
    post: {
      tags: ['core'],
      operationId: 'import_cancel',
      parameters: [idParam],
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  paths['/api/v1/import/jobs/{id}/undo'] = {
    post: {
      tags: ['core'],
      operationId: 'import_undo',
      parameters: [idParam],
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  paths['/api/v1/files'] = {
    post: {
      tags: ['core'],
      operationId: 'file_upload',
      summary: 'Upload a file for a file field; records then refer to it by id',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { type: 'string', format: 'binary' } },
              required: ['file'],
            },
          },
        },
      },
      responses: {
        '201': json({
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            mime: { type: 'string' },
            size: { type: 'integer' },
            sha256: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
          },
        }),
        ...errors,
      },
    },
  }
  paths['/api/v1/files/{id}'] = {
    get: {
      tags: ['core'],
      operationId: 'file_read',
      summary: 'Read an uploaded file: its uploader, or a user who can read a record showing it',
      parameters: [idParam, { name: 'download', in: 'query', schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'The file',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errors,
      },
    },
  }
  paths['/api/v1/search'] = {
    get: {
      tags: ['core'],
      operationId: 'search',
      parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  paths['/api/v1/trash'] = {
    get: {
      tags: ['core'],
      operationId: 'trash_list',
      parameters: trashListParams,
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  paths['/api/v1/bootstrap'] = {
    get: {
      tags: ['core'],
      operationId: 'bootstrap',
      responses: { '200': json({ type: 'object' }), ...errors },
    },
  }
  return {
    openapi: '3.1.0',
    info: { title: `Comptoir API — ${ctx.tenant.name}`, version: ctx.core.version },
    servers: [{ url: ctx.core.config.publicUrl }],
    security: [{ session: [] }, { token: [] }],
    paths,
    components: {
      schemas: {
        ...schemas,
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  code: { type: 'string' },
                  message: { type: 'string' },
                },
              },
            },
          },
          required: ['type', 'title', 'status', 'code'],
        },
      },
      responses: {
        Problem: {
          description: 'Problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'comptoir_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
  }
}
