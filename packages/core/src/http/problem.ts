/**
 * RFC 9457 problem documents. Every error leaving the API goes through `problemResponse`, so a client
 * always gets `application/problem+json` with a stable `code` and, for bad input, every field's error
 * in the user's language.
 * @module
 */
import {
  BadRequestError,
  ComptoirError,
  type FieldError,
  isComptoirError,
  TooManyRequestsError,
  ValidationError,
} from '../errors'
import type { Locale, Messages } from '../plugin/define-plugin'
import { translate } from '../i18n/messages'

export const PROBLEM_BASE = 'https://comptoir.dev/problems/'

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  code: string
  errors?: FieldError[]
  [extra: string]: unknown
}

/**
 * The message key for a code: namespaced codes as they are, else core's, else the first plugin that
 * ships `<plugin>:<kind>.<code>` (plugin validators and handlers return bare codes).
 */
function keyFor(
  messages: Record<Locale, Messages>,
  locale: Locale,
  kind: 'error' | 'problem',
  code: string,
): string | undefined {
  if (code.includes(':')) return code
  const core = `core:${kind}.${code}`
  if (messages[locale]?.[core] ?? messages.en?.[core]) return core
  const suffix = `:${kind}.${code}`
  return Object.keys(messages[locale] ?? {}).find((k) => k.endsWith(suffix))
}

function localiseErrors(
  errors: FieldError[],
  messages: Record<Locale, Messages>,
  locale: Locale,
): FieldError[] {
  return errors.map((e) => ({
    ...e,
    message:
      e.message ??
      translate(
        messages,
        locale,
        keyFor(messages, locale, 'error', e.code) ?? `core:error.${e.code}`,
        e.params,
      ),
  }))
}

export function toProblem(err: ComptoirError, messages: Record<Locale, Messages>, locale: Locale): Problem {
  const key = keyFor(messages, locale, 'problem', err.code) ?? keyFor(messages, locale, 'error', err.code)
  const title = key
    ? translate(messages, locale, key, {
        seconds: err instanceof TooManyRequestsError ? err.retryAfter : undefined,
      })
    : err.code
  const problem: Problem = {
    type: PROBLEM_BASE + err.code,
    title,
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(err.extra ?? {}),
  }
  if (err instanceof ValidationError || err instanceof BadRequestError) {
    if (err.errors.length) problem.errors = localiseErrors(err.errors, messages, locale)
  }
  return problem
}

export function problemResponse(err: unknown, messages: Record<Locale, Messages>, locale: Locale): Response {
  const e: ComptoirError = isComptoirError(err)
    ? err
    : ({ status: 500, code: 'internal', message: 'internal', name: 'Error' } as ComptoirError)
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' }
  if (e instanceof TooManyRequestsError) headers['retry-after'] = String(e.retryAfter)
  return new Response(JSON.stringify(toProblem(e, messages, locale)), { status: e.status, headers })
}

/**
 * A safety net for database errors that input can still cause (a value the column type rejects, a
 * constraint): a 4xx problem rather than a 500, without the database's message.
 */
export function fromDatabaseError(err: unknown): unknown {
  if (err instanceof URIError)
    return new BadRequestError('bad-request', 'Malformed percent-encoding in the address')
  if (isComptoirError(err) || typeof (err as { code?: unknown })?.code !== 'string') return err
  const code = (err as { code: string }).code
  if (code.startsWith('22')) return new BadRequestError('bad-request', 'A value does not fit its field')
  if (code === '23505') return new ComptoirError(409, 'unique', 'This value is already in use')
  if (code.startsWith('23'))
    return new ComptoirError(409, 'conflict', 'The change conflicts with existing data')
  return err
}
