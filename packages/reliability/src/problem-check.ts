/**
 * What every refusal must look like: an RFC 9457 problem document whose status matches the answer, with
 * a stable code, and — for invalid input — field errors that name what was sent (or what is missing).
 * @module
 */
import type { Answer as TestResponse } from './session-client'

/** Empty when the answer is a well-formed refusal or a success, else what is wrong with it. */
export function problemFault(r: TestResponse, sentKeys: string[] | null): string | null {
  if (r.status >= 500) return `server error ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`
  if (r.status < 400) return null
  const type = r.headers.get('content-type') ?? ''
  if (!type.startsWith('application/problem+json')) return `refusal without a problem document (${type})`
  const b = r.body
  if (
    !b ||
    b.status !== r.status ||
    typeof b.code !== 'string' ||
    typeof b.type !== 'string' ||
    typeof b.title !== 'string'
  )
    return `malformed problem ${JSON.stringify(b).slice(0, 200)}`
  if (r.status === 422) {
    if (!Array.isArray(b.errors) || !b.errors.length) return 'validation problem without field errors'
    if (
      b.errors.some(
        (e: any) => typeof e.path !== 'string' || typeof e.code !== 'string' || typeof e.message !== 'string',
      )
    )
      return `field error without path, code or message: ${JSON.stringify(b.errors).slice(0, 200)}`
    if (sentKeys) {
      const paths: string[] = b.errors.map((e: any) => String(e.path))
      const names = (p: string) =>
        p === '' || sentKeys.some((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`))
      // A field left out can only be named as missing (`required`), never as sent.
      const missing = b.errors.some((e: any) => e.code === 'required' && !names(String(e.path)))
      if (!paths.some(names) && !missing)
        return `no field error names a field that was sent (${paths.join(', ')} vs ${sentKeys.join(', ')})`
    }
  }
  return null
}
