/**
 * `/api/v1/admin/numbering`: how numbered entities (quotes, invoices…) are numbered in this tenant —
 * prefix, padding, one series per year — and the next number, which may only move forward so a number
 * is never given twice. Stored in `core_setting` (`numbering.<ref>`) and `core_sequence`.
 * @module
 */
import { Hono } from 'hono'
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { type FieldError, ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { formatNumber, type NumberFormat } from '../numbering/sequence'
import type { ResolvedEntity } from '../plugin/registry'
import type { RequestContext } from '../records/context'
import { readSetting, writeSetting } from '../settings/setting-store'

const FIELDS = {
  prefix: f.text({ maxLength: 20 }),
  padding: f.integer({ min: 1, max: 12 }),
  yearly: f.boolean(),
  next: f.integer({ min: 1 }),
}

type Numbered = ResolvedEntity & { numbering: NonNullable<ResolvedEntity['numbering']> }

function numbered(ctx: RequestContext): Numbered[] {
  return [...ctx.core.registry.entities.values()].filter(
    (e): e is Numbered => !!e.numbering && ctx.enabled.has(e.plugin),
  )
}

async function formatOf(ctx: RequestContext, e: Numbered): Promise<Required<NumberFormat>> {
  const own = (await readSetting<NumberFormat>(ctx, `numbering.${e.ref}`)) ?? {}
  const d = e.numbering
  return {
    prefix: own.prefix ?? d.prefix ?? '',
    padding: own.padding ?? d.padding ?? 5,
    yearly: own.yearly ?? d.yearly ?? false,
  }
}

async function nextOf(ctx: RequestContext, ref: string, period: string, lock = false): Promise<number> {
  const [row] = await ctx.tx.query<{ next: number }>(
    `SELECT next FROM core_sequence WHERE tenant_id = $1 AND key = $2 AND period = $3${lock ? ' FOR UPDATE' : ''}`,
    [ctx.tenant.id, ref, period],
  )
  return row?.next ?? 1
}

async function describe(ctx: RequestContext) {
  const year = ctx.core.now().getUTCFullYear()
  const out = []
  for (const e of numbered(ctx)) {
    const fmt = await formatOf(ctx, e)
    const next = await nextOf(ctx, e.ref, fmt.yearly ? String(year) : '')
    out.push({
      entity: e.ref,
      field: e.numbering.field,
      ...fmt,
      next,
      preview: formatNumber(next, fmt, year),
    })
  }
  return out
}

export function numberingRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => c.json({ data: await describe(c.get('ctx')) }))
  r.patch('/', async (c) => {
    const ctx = c.get('ctx')
    const body = await readJson(c)
    const entities = new Map(numbered(ctx).map((e) => [e.ref, e]))
    const year = ctx.core.now().getUTCFullYear()
    const errors: FieldError[] = []
    const changes = []
    for (const [ref, raw] of Object.entries(body)) {
      const e = entities.get(ref)
      if (!e) {
        errors.push({ path: ref, code: 'invalid_option' })
        continue
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        errors.push({ path: ref, code: 'type_object' })
        continue
      }
      const input = validateRecord(FIELDS, raw as Record<string, unknown>, {
        partial: true,
        prefix: `${ref}.`,
      })
      errors.push(...input.errors)
      const v = input.values as {
        prefix?: string | null
        padding?: number | null
        yearly?: boolean
        next?: number | null
      }
      const before = await formatOf(ctx, e)
      const fmt = {
        prefix: v.prefix === undefined ? before.prefix : (v.prefix ?? ''),
        padding: v.padding ?? before.padding,
        yearly: v.yearly ?? before.yearly,
      }
      const period = fmt.yearly ? String(year) : ''
      const current = await nextOf(ctx, ref, period, true)
      if (typeof v.next === 'number' && v.next < current) {
        errors.push({ path: `${ref}.next`, code: 'too_small', params: { min: current } })
      }
      changes.push({ ref, fmt, before, period, next: v.next ?? null, current })
    }
    if (errors.length) throw new ValidationError(errors)
    for (const ch of changes) {
      await writeSetting(ctx, `numbering.${ch.ref}`, ch.fmt)
      if (ch.next !== null && ch.next > ch.current) {
        await ctx.tx.query(
          `INSERT INTO core_sequence (tenant_id, key, period, next) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, key, period) DO UPDATE SET next = GREATEST(core_sequence.next, EXCLUDED.next)`,
          [ctx.tenant.id, ch.ref, ch.period, ch.next],
        )
      }
      await ctx.audit('numbering.changed', {
        entity: ch.ref,
        before: ch.before,
        after: ch.fmt,
        next: ch.next ?? ch.current,
      })
    }
    return c.json({ data: await describe(ctx) })
  })
  return r
}
