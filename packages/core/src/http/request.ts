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

export function clientIp(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? c.req.header('x-real-ip') ?? undefined
}
