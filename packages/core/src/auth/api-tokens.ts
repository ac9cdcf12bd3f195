/**
 * Personal API tokens: `cpt_<secret>` shown once at creation, only its SHA-256 stored; a token acts with
 * its user's rights until it expires, is revoked, or the user is deactivated. Creating one needs a
 * password session, so a leaked token cannot mint others.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { f } from '../entity/fields'
import { isUuid, validateRecord } from '../entity/validate'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { generateSecret, hashSecret } from './tokens'

export const TOKEN_PREFIX = 'cpt_'

const INPUT = { name: f.text({ required: true, maxLength: 100 }), expiresAt: f.datetime() }

interface TokenRow {
  id: string
  name: string
  prefix: string
  created_at: string
  last_used_at: string | null
  expires_at: string | null
}

function view(r: TokenRow) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: iso(r.created_at),
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
  }
}

/** The user's tokens that still work. */
export async function listMyTokens(ctx: RequestContext) {
  const rows = await ctx.tx.query<TokenRow>(
    `SELECT id, name, prefix, created_at, last_used_at, expires_at FROM core_api_token
     WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)
     ORDER BY created_at DESC`,
    [ctx.tenant.id, ctx.user.id, ctx.core.now().toISOString()],
  )
  return rows.map(view)
}

export async function createMyToken(ctx: RequestContext, body: Record<string, unknown>) {
  if (ctx.auth?.via !== 'session') {
    throw new ForbiddenError('session-required', 'API tokens are created from a password session')
  }
  const input = validateRecord(INPUT, body)
  const expiresAt = input.values.expiresAt as string | null
  if (expiresAt && new Date(expiresAt) <= ctx.core.now())
    input.errors.push({ path: 'expiresAt', code: 'not_in_future' })
  if (input.errors.length) throw new ValidationError(input.errors)
  const secret = generateSecret()
  const id = uuidv7()
  const [row] = await ctx.tx.query<TokenRow>(
    `INSERT INTO core_api_token (tenant_id, id, user_id, name, token_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, name, prefix, created_at, last_used_at, expires_at`,
    [
      ctx.tenant.id,
      id,
      ctx.user.id,
      input.values.name,
      hashSecret(secret),
      TOKEN_PREFIX + secret.slice(0, 6),
      expiresAt,
    ],
  )
  await ctx.audit('token.created', { token: id, name: input.values.name })
  return { ...view(row), token: TOKEN_PREFIX + secret }
}

export async function revokeMyToken(ctx: RequestContext, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError()
  const rows = await ctx.tx.query<{ name: string }>(
    `UPDATE core_api_token SET revoked_at = $4 WHERE tenant_id = $1 AND id = $2 AND user_id = $3 AND revoked_at IS NULL
     RETURNING name`,
    [ctx.tenant.id, id, ctx.user.id, ctx.core.now().toISOString()],
  )
  if (!rows.length) throw new NotFoundError()
  await ctx.audit('token.revoked', { token: id, name: rows[0].name })
}
