/**
 * A client that signs in through `POST /api/v1/auth/login` like a browser and keeps the session cookie,
 * for an app in this process (`app.request`) or a server over HTTP (`fetch`).
 * @module
 */
export interface Answer<T = any> {
  status: number
  body: T
  headers: Headers
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>

export interface SessionClient {
  readonly cookie: string
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>>
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text()
  let body: any = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {}
  return { status: res.status, body, headers: res.headers }
}

/** A fetcher for a Hono app in this process. */
export function appFetcher(app: {
  request: (url: string, init: RequestInit) => Response | Promise<Response>
}): Fetcher {
  return async (url, init) => app.request(url, init)
}

export async function signIn(
  fetcher: Fetcher,
  origin: string,
  login: { email: string; password: string; tenant?: string },
): Promise<SessionClient> {
  const res = await fetcher(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(login),
  })
  const set = res.headers.get('set-cookie') ?? ''
  const cookie = /comptoir_session=([^;]*)/.exec(set)?.[1]
  if (res.status !== 200 || !cookie) throw new Error(`Sign-in failed: ${res.status} ${await res.text()}`)
  return sessionClient(fetcher, origin, cookie)
}

export function sessionClient(fetcher: Fetcher, origin: string, cookie: string): SessionClient {
  return {
    cookie,
    async request(method, path, body, headers = {}) {
      const h: Record<string, string> = { origin, cookie: `comptoir_session=${cookie}`, ...headers }
      let payload: string | undefined
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body)
        h['content-type'] ??= 'application/json'
      }
      return answer(await fetcher(`${origin}${path}`, { method, headers: h, body: payload }))
    },
  }
}
