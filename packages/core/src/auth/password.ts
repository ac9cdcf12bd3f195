/**
 * Passwords: argon2id (OWASP's minimum parameters), a minimum length policy, and a constant-cost check
 * when the account does not exist, so timing does not reveal which e-mails are registered.
 * @module
 */
import { hash, verify } from '@node-rs/argon2'
import { ValidationError } from '../errors'

// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 }
export const PASSWORD_MIN_LENGTH = 10
const PASSWORD_MAX_LENGTH = 256

export function checkPasswordPolicy(password: unknown, path = 'password'): string {
  if (typeof password !== 'string') throw new ValidationError([{ path, code: 'type_string' }])
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError([{ path, code: 'weak_password', params: { min: PASSWORD_MIN_LENGTH } }])
  }
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new ValidationError([{ path, code: 'too_long', params: { max: PASSWORD_MAX_LENGTH } }])
  return password
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

let dummy: Promise<string> | undefined

/** Argon2 verifications this process has run (each costs the same, whether the account exists or not). */
export const passwordVerifications = { count: 0 }

/** Verifies `password`; with no stored hash, verifies against a dummy so the cost is the same. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  passwordVerifications.count++
  if (!stored) {
    dummy ??= hash('comptoir-timing-equaliser', OPTIONS)
    await verify(await dummy, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}
