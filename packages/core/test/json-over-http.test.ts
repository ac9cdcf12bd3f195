/**
 * JSON answers through the Node server on a real socket: the body is the UTF-8 of the record, accents,
 * symbols and emoji included, its `Content-Length` counted in bytes, its type and status as the route set
 * them.
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestCore } from '../src/testing'
import { login, ORIGIN } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let server: ServerType
let base: string
let cookie: string

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  const acme = t.tenants.acme
  cookie = (await login(t, acme.adminEmail, acme.adminPassword, { tenant: 'acme' })).cookie!
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  await t?.close()
})

/** One request over the socket: status, headers and the body's bytes as received. */
function send(method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  return new Promise<{ status: number; headers: Record<string, any>; bytes: Buffer }>((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        headers: {
          origin: ORIGIN,
          cookie: `comptoir_session=${cookie}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

describe('JSON over HTTP', () => {
  it('sends a record as its UTF-8 bytes with their length, type and status', async () => {
    const name = 'Zoé & Œuvres — 30 € 😀'
    const created = await send('POST', '/api/v1/records/crm.company', { name })
    expect(created.status).toBe(201)
    expect(created.headers['content-type']).toMatch(/^application\/json/)
    expect(Number(created.headers['content-length'])).toBe(created.bytes.length)
    const record = JSON.parse(created.bytes.toString('utf8'))
    expect(record.name).toBe(name)

    const read = await send('GET', `/api/v1/records/crm.company/${record.id}`)
    expect(read.status).toBe(200)
    expect(Number(read.headers['content-length'])).toBe(read.bytes.length)
    // Every character of the name takes its UTF-8 bytes: the length is not the text's length.
    expect(read.bytes.length).toBeGreaterThan(read.bytes.toString('utf8').length)
    expect(JSON.parse(read.bytes.toString('utf8'))).toMatchObject({ id: record.id, name })

    const list = await send('GET', '/api/v1/records/crm.company?sort=name')
    expect(list.status).toBe(200)
    expect(JSON.parse(list.bytes.toString('utf8')).data.map((r: { name: string }) => r.name)).toContain(name)
  })

  it('keeps the status of an error told as JSON, and another tenant’s record stays out of reach', async () => {
    const globex = await t.as('globex')
    const theirs = await globex.post('/api/v1/records/crm.company', { name: 'Globex SA' })
    const hidden = await send('GET', `/api/v1/records/crm.company/${theirs.body.id}`)
    expect(hidden.status).toBe(404)
    expect(hidden.headers['content-type']).toMatch(/json/)
    expect(Number(hidden.headers['content-length'])).toBe(hidden.bytes.length)
    expect(JSON.parse(hidden.bytes.toString('utf8'))).toMatchObject({ status: 404 })
  })
})
