/**
 * Raw HTTP helpers for the account tests: requests with any cookie, Origin and content type (the test
 * client always sends a same-origin Origin), and signing in to get a real session cookie.
 */
import type { TestClient, TestCore } from '../src/testing'

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

/**
 * Signs in with a password and returns a client on the new session, shaped like the test kit's clients
 * (for users signed in again after a change of their rights ended their sessions).
 */
export async function signIn(
  t: TestCore,
  email: string,
  password: string,
  o: { tenant?: string } = {},
): Promise<TestClient> {
  const l = await login(t, email, password, o)
  if (l.status !== 200) throw new Error(`sign-in refused: ${l.status} ${JSON.stringify(l.body)}`)
  const request = async (method: string, path: string, body?: unknown) => {
    const r = await raw(t, method, path, { cookie: l.cookie, body })
    return { status: r.status, body: r.body, headers: r.headers }
  }
  return {
    userId: l.body.user.id,
    tenantId: l.body.tenant.id,
    request: (method, path, body) => request(method, path, body),
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b ?? {}),
    patch: (p, b) => request('PATCH', p, b ?? {}),
    delete: (p) => request('DELETE', p),
  }
}
