/**
 * RFC 9457 problem documents. Every error leaving the API goes through `problemResponse`, so a client
 * always gets `application/problem+json` with a stable `code` and, for bad input, every field's error
 * in the user's language.
 * @module
 */
import {
  BadRequestError,
  type ComptoirError,
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

function localiseErrors(
  errors: FieldError[],
  messages: Record<Locale, Messages>,
  locale: Locale,
): FieldError[] {
  return errors.map((e) => ({
    ...e,
    message:
      e.message ??
      translate(messages, locale, e.code.includes(':') ? e.code : `core:error.${e.code}`, e.params),
  }))
}

export function toProblem(err: ComptoirError, messages: Record<Locale, Messages>, locale: Locale): Problem {
  const title = translate(messages, locale, `core:problem.${err.code}`, {
    seconds: err instanceof TooManyRequestsError ? err.retryAfter : undefined,
  })
  const problem: Problem = {
    type: PROBLEM_BASE + err.code,
    title: title === `core:problem.${err.code}` ? translate(messages, locale, err.code) : title,
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
