/**
 * `request`: the one way the web app talks to `/api/v1`. JSON in and out, cookies included, problems
 * turned into `ApiError`. A 401 outside the login call tells the shell the session ended.
 * @module
 */
import { ApiError, type Problem } from './api-error'

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]> | URLSearchParams

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  query?: Query
  signal?: AbortSignal
}

let onUnauthorized: (() => void) | undefined

/** Called when any request other than the login answers 401 (session expired or revoked). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = query instanceof URLSearchParams ? query : new URLSearchParams()
  if (!(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query)) {
      for (const one of Array.isArray(v) ? v : [v]) {
        if (one !== undefined && one !== null && one !== '') params.append(k, String(one))
      }
    }
  }
  const s = params.toString()
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path
}

export function apiUrl(path: string, query?: Query): string {
  return withQuery(`/api/v1${path}`, query)
}

export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET'
  const unsafe = method !== 'GET'
  const res = await fetch(apiUrl(path, opts.query), {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(unsafe ? { 'content-type': 'application/json' } : {}) },
    // The server asks unsafe requests for a JSON body, even an empty one.
    body: unsafe ? JSON.stringify(opts.body ?? {}) : undefined,
    signal: opts.signal,
  })
  if (res.status === 204) return undefined as T
  const text = await res.text()
  const data = text ? parseJson(text) : undefined
  if (!res.ok) {
    const problem: Problem =
      data && typeof data === 'object' ? { status: res.status, ...(data as object) } : { status: res.status }
    const retry = Number(res.headers.get('retry-after'))
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthorized?.()
    throw new ApiError(problem, Number.isFinite(retry) && retry > 0 ? retry : undefined)
  }
  return data as T
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { detail: text }
  }
}
