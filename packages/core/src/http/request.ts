/** Request helpers: JSON bodies that fail as problems, client address. */
import type { Context } from 'hono'
import { BadRequestError, ValidationError } from '../errors'

export async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (!text.trim()) return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new BadRequestError('bad-request', 'The body is not valid JSON', [
      { path: '', code: 'invalid_json' },
    ])
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ValidationError([{ path: '', code: 'type_object' }])
  return body as Record<string, unknown>
}

/** The client's address: the socket's, or behind a trusted proxy the one the proxy reports. */
export function clientIp(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const socket = env?.incoming?.socket?.remoteAddress
  if (c.get('core')?.config.trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean)
    return c.req.header('x-real-ip') ?? forwarded?.[forwarded.length - 1] ?? socket
  }
  return socket
}
