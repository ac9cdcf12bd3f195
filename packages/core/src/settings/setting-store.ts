/**
 * Tenant settings in `core_setting`: one JSON value per key (`company`, `trash`, `mail.smtp`,
 * `numbering.<entity>`), read and written in the caller's tenant transaction.
 * @module
 */
import type { RequestContext } from '../records/context'

export async function readSetting<T>(ctx: RequestContext, key: string): Promise<T | undefined> {
  const [row] = await ctx.tx.query<{ value: T }>(
    'SELECT value FROM core_setting WHERE tenant_id = $1 AND key = $2',
    [ctx.tenant.id, key],
  )
  return row?.value
}

export async function writeSetting(ctx: RequestContext, key: string, value: unknown): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO core_setting (tenant_id, key, value) VALUES ($1, $2, $3::text::jsonb)
     ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
    [ctx.tenant.id, key, JSON.stringify(value)],
  )
}

export async function deleteSetting(ctx: RequestContext, key: string): Promise<void> {
  await ctx.tx.query('DELETE FROM core_setting WHERE tenant_id = $1 AND key = $2', [ctx.tenant.id, key])
}
