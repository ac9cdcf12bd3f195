/**
 * `/api/v1/admin/settings`: the company's legal identity (`/company`), the recycle bin's retention
 * (`/trash`) and the outgoing mail server (`/mail`; `DELETE` goes back to the server's default).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { parseCompany, readCompany, COMPANY_SETTING } from './company-settings'
import { describeMailSettings, MAIL_SETTING, parseMailSettings } from './mail-settings'
import { deleteSetting, writeSetting } from './setting-store'
import {
  parseTrashSettings,
  readTrashSettings,
  scheduleTrashRetention,
  TRASH_SETTING,
} from './trash-retention'

export function settingsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/company', async (c) => c.json(await readCompany(c.get('ctx'))))
  r.put('/company', async (c) => {
    const ctx = c.get('ctx')
    const company = parseCompany(await readJson(c))
    await writeSetting(ctx, COMPANY_SETTING, company)
    await ctx.audit('settings.company.changed')
    return c.json(company)
  })
  r.get('/trash', async (c) => c.json(await readTrashSettings(c.get('ctx'))))
  r.put('/trash', async (c) => {
    const ctx = c.get('ctx')
    const before = await readTrashSettings(ctx)
    const trash = parseTrashSettings(await readJson(c))
    await writeSetting(ctx, TRASH_SETTING, trash)
    await scheduleTrashRetention(ctx, ctx.core.now())
    await ctx.audit('settings.trash.changed', { before: before.retentionDays, after: trash.retentionDays })
    return c.json(trash)
  })
  r.get('/mail', async (c) => c.json(await describeMailSettings(c.get('ctx'))))
  r.put('/mail', async (c) => {
    const ctx = c.get('ctx')
    const mail = await parseMailSettings(ctx, await readJson(c))
    await writeSetting(ctx, MAIL_SETTING, mail)
    await ctx.audit('settings.mail.changed', {
      host: mail.host,
      port: mail.port,
      user: mail.user ?? null,
      from: mail.from,
    })
    return c.json(await describeMailSettings(ctx))
  })
  r.delete('/mail', async (c) => {
    const ctx = c.get('ctx')
    await deleteSetting(ctx, MAIL_SETTING)
    await ctx.audit('settings.mail.changed', { source: 'server' })
    return c.json(await describeMailSettings(ctx))
  })
  return r
}
