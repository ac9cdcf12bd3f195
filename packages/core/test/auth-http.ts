/**
 * Raw HTTP helpers for the account tests: requests with any cookie, Origin and content type (the test
 * client always sends a same-origin Origin), and signing in to get a real session cookie.
 */
import type { TestCore } from '../src/testing'

export const ORIGIN = 'http://comptoir.test'

export interface RawOptions {
  cookie?: string
  bearer?: string
  /** `null`: no Origin header at all. */
  origin?: string | null
  body?: unknown
  contentType?: string
  ip?: string
  headers?: Record<string, string>
}

export interface RawResponse {
  status: number
  body: any
  headers: Headers
  /** The new session cookie set by the response, if any. */
  cookie?: string
}

export async function raw(
  t: TestCore,
  method: string,
  path: string,
  o: RawOptions = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...o.headers }
  if (o.origin !== null) headers.origin = o.origin ?? ORIGIN
  if (o.cookie) headers.cookie = `comptoir_session=${o.cookie}`
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`
  if (o.ip) headers['x-real-ip'] = o.ip
  let body: string | undefined
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body)
    headers['content-type'] = o.contentType ?? 'application/json'
  }
  const res = await t.app.request(`${ORIGIN}${path}`, { method, headers, body })
  const text = await res.text()
  let parsed: any = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {}
  const set = res.headers
    .getSetCookie()
    .map((c) => /^comptoir_session=([^;]*)/.exec(c)?.[1])
    .filter((c) => c !== undefined)
  return {
    status: res.status,
    body: parsed,
    headers: res.headers,
    cookie: set.length ? set[set.length - 1] : undefined,
  }
}

export async function login(
  t: TestCore,
  email: string,
  password: string,
  o: { tenant?: string; ip?: string; cookie?: string } = {},
): Promise<RawResponse> {
  return raw(t, 'POST', '/api/v1/auth/login', {
    body: { email, password, tenant: o.tenant },
    ip: o.ip,
    cookie: o.cookie,
  })
}
