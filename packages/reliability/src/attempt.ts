/**
 * One cross-tenant attempt and how it is judged. A refused attempt must answer 4xx exactly as the same
 * request does with ids that exist nowhere, so the answer tells nothing about the other tenant; a
 * filter attempt may answer 2xx but must not carry any of the other tenant's data.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { uuidv7 } from '@comptoir/core/server'
import type { TestClient } from '@comptoir/core/testing'
import type { Answer as TestResponse } from './session-client'

export type AttemptKind = 'read' | 'update' | 'delete' | 'action' | 'filter' | 'link'

export interface Attempt {
  kind: AttemptKind
  method: string
  path: string
  body?: unknown
  /** The pattern the attempt was generated from, for reports. */
  pattern: string
}

export interface Verdict {
  attempt: Attempt
  ok: boolean
  why?: string
  status: number
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/** The answer with every id replaced, so answers about different ids compare equal. */
function shape(r: TestResponse, ids: string[]): string {
  let text = JSON.stringify(r.body)
  for (const id of ids) text = text.split(id).join('<id>')
  return `${r.status} ${text.replace(UUID, '<id>')}`
}

/** A fresh id of the same form (uuid or hex) that exists nowhere. */
function freshLike(id: string): string {
  return /^[0-9a-f-]{36}$/.test(id) ? uuidv7() : randomBytes(id.length).toString('hex').slice(0, id.length)
}

/** The same request with every id of `ids` replaced by a fresh one that exists nowhere. */
function twin(a: Attempt, ids: string[]): { attempt: Attempt; fresh: string[] } {
  let text = JSON.stringify({ path: a.path, body: a.body ?? null })
  const fresh: string[] = []
  for (const id of ids) {
    const f = freshLike(id)
    fresh.push(f)
    text = text.split(id).join(f)
  }
  const { path, body } = JSON.parse(text)
  return { attempt: { ...a, path, body: body ?? undefined }, fresh }
}

export async function judge(client: TestClient, a: Attempt, markers: string[]): Promise<Verdict> {
  const r = await client.request(a.method, a.path, a.body)
  const sent = JSON.stringify([a.path, a.body ?? null])
  const text = JSON.stringify(r.body)
  const leaked = markers.filter((m) => !sent.includes(m) && text.includes(m))
  if (r.status >= 500)
    return { attempt: a, ok: false, status: r.status, why: `server error ${text.slice(0, 200)}` }
  if (leaked.length)
    return { attempt: a, ok: false, status: r.status, why: `answer carries ${leaked.join(', ')}` }
  if (a.kind === 'filter') return { attempt: a, ok: true, status: r.status }
  if (r.status < 400)
    return { attempt: a, ok: false, status: r.status, why: `accepted: ${text.slice(0, 200)}` }
  const ids = markers.filter((m) => sent.includes(m) && /^[0-9a-f-]{20,36}$/.test(m))
  const { attempt: nowhere, fresh } = twin(a, ids)
  const other = await client.request(nowhere.method, nowhere.path, nowhere.body)
  if (shape(other, fresh) !== shape(r, ids))
    return {
      attempt: a,
      ok: false,
      status: r.status,
      why: `answer differs from an id that exists nowhere: ${shape(r, ids).slice(0, 160)} ≠ ${shape(other, fresh).slice(0, 160)}`,
    }
  return { attempt: a, ok: true, status: r.status }
}
