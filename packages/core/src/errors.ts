/**
 * Typed errors. Every error the HTTP layer can turn into an RFC 9457 problem is a `ComptoirError`
 * with a stable `code`; the problem `type` is derived from that code.
 * @module
 */

/** One invalid field in a request body or query. `path` is a JSON path such as `lines.0.quantity`. */
export interface FieldError {
  path: string
  code: string
  /** Message in the user's language; filled by the HTTP layer when absent. */
  message?: string
  params?: Record<string, unknown>
}

export class ComptoirError extends Error {
  readonly status: number
  readonly code: string
  readonly detail?: string
  readonly extra?: Record<string, unknown>
  constructor(status: number, code: string, detail?: string, extra?: Record<string, unknown>) {
    super(detail ?? code)
    this.name = 'ComptoirError'
    this.status = status
    this.code = code
    this.detail = detail
    this.extra = extra
  }
}

/**
 * 503: the request started from the context this process knew (`WithTenantOptions.speculate`), and the
 * tenant's settings or the user's rights changed since. Nothing it did is kept; the app answers it again
 * from a fresh context, so a client only sees this if that happens twice in a row.
 */
export class ContextChangedError extends ComptoirError {
  constructor() {
    super(503, 'context-changed', 'The workspace settings or your rights changed during the request')
  }
}

/** 422: the body or query does not satisfy the entity's rules. Nothing was written. */
export class ValidationError extends ComptoirError {
  readonly errors: FieldError[]
  constructor(errors: FieldError[], detail?: string) {
    super(422, 'validation', detail)
    this.errors = errors
  }
}

/** 400: a request that cannot be parsed (bad filter, bad cursor, bad JSON). */
export class BadRequestError extends ComptoirError {
  readonly errors: FieldError[]
  constructor(code: string, detail?: string, errors: FieldError[] = []) {
    super(400, code, detail)
    this.errors = errors
  }
}

export class UnauthorizedError extends ComptoirError {
  constructor(code = 'unauthenticated', detail?: string) {
    super(401, code, detail)
  }
}

export class ForbiddenError extends ComptoirError {
  constructor(code = 'forbidden', detail?: string, extra?: Record<string, unknown>) {
    super(403, code, detail, extra)
  }
}

/** 404 that looks the same whether the record exists in another tenant, is hidden by scope, or does not exist. */
export class NotFoundError extends ComptoirError {
  constructor(detail = 'Not found') {
    super(404, 'not-found', detail)
  }
}

export class ConflictError extends ComptoirError {
  constructor(code: string, detail?: string, extra?: Record<string, unknown>) {
    super(409, code, detail, extra)
  }
}

export class TooManyRequestsError extends ComptoirError {
  readonly retryAfter: number
  constructor(retryAfter: number, detail?: string) {
    super(429, 'too-many-requests', detail)
    this.retryAfter = retryAfter
  }
}

/** A fatal start-up problem: bad configuration, an incompatible plugin, pending migrations. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}

export function isComptoirError(e: unknown): e is ComptoirError {
  return (
    e instanceof Error &&
    typeof (e as ComptoirError).status === 'number' &&
    typeof (e as ComptoirError).code === 'string'
  )
}
