/**
 * JSON calls to the API with the session cookie; a refusal becomes an `Error` carrying the problem
 * document, so the dialog can show its detail and field errors.
 * @module
 */

export interface Problem {
  title?: string
  detail?: string
  errors?: { path: string; message?: string; code: string }[]
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? 'error')
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new ProblemError(data as Problem)
  return data as T
}

export const getJson = <T>(path: string) => call<T>('GET', path)
export const postJson = <T>(path: string, body: unknown) => call<T>('POST', path, body)
