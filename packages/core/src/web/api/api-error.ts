/**
 * `ApiError`: an RFC 9457 problem answered by the server, with the parts the UI acts on.
 * @module
 */
import type { FieldError } from '../../errors'

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldError[]
  /** 409 on a stale write: the record as it is now. */
  current?: Record<string, any>
  [key: string]: unknown
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly problem: Problem
  /** Seconds to wait, from `Retry-After` (429). */
  readonly retryAfter?: number

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code ?? problem.type?.split('/').pop() ?? String(problem.status)
    this.problem = problem
    this.retryAfter = retryAfter
  }

  get errors(): FieldError[] {
    return this.problem.errors ?? []
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
