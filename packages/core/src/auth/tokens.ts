/**
 * Token primitives from Lucia's session recipe: 20 random bytes in base32 for the secret, and only its
 * SHA-256 (hex) stored, so a database leak does not leak usable sessions or API tokens.
 * @module
 */
import { hash } from 'node:crypto'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

export function generateSecret(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex')
}
