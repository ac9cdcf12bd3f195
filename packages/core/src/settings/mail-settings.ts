/**
 * The tenant's outgoing mail server (`core_setting` key `mail.smtp`), falling back to the server's
 * default. The SMTP password is write-only: it is never sent back, only whether one is set.
 * @module
 */
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { ValidationError } from '../errors'
import type { MailSettings } from '../mail/mailer'
import type { RequestContext } from '../records/context'
import { readSetting } from './setting-store'

export const MAIL_SETTING = 'mail.smtp'

const EMAIL = f.email({ required: true })

/** `Name <address>` or a bare address. */
function fromAddress(value: string): string | undefined {
  const m = /^(.*)<([^<>]+)>$/.exec(value)
  const address = validateRecord({ address: EMAIL }, { address: m ? m[2] : value })
  if (address.errors.length) return 'invalid_email'
  if (m && /["\\]/.test(m[1])) return 'invalid_format'
  return undefined
}

const FIELDS = {
  host: f.text({ required: true, maxLength: 253, pattern: '^[A-Za-z0-9.:\\-\\[\\]]+$' }),
  port: f.integer({ required: true, min: 1, max: 65535 }),
  secure: f.boolean(),
  user: f.text({ maxLength: 255 }),
  from: f.text({ required: true, maxLength: 320, validate: fromAddress }),
}

/** The settings mail is sent with for this tenant, or null when neither the tenant nor the server has any. */
export async function readMailSettings(ctx: RequestContext): Promise<MailSettings | null> {
  return (await readSetting<MailSettings>(ctx, MAIL_SETTING)) ?? ctx.core.config.mail ?? null
}

/** What administrators see: everything but the password. */
export async function describeMailSettings(ctx: RequestContext) {
  const own = await readSetting<MailSettings>(ctx, MAIL_SETTING)
  if (!own) return { source: ctx.core.config.mail ? 'server' : 'none' }
  const { password, ...visible } = own
  return { source: 'tenant', ...visible, user: visible.user ?? null, hasPassword: !!password }
}

/**
 * Validates a new configuration. `password` absent keeps the stored one, `null` or `""` removes it.
 */
export async function parseMailSettings(
  ctx: RequestContext,
  body: Record<string, unknown>,
): Promise<MailSettings> {
  const r = validateRecord(FIELDS, body, { allowExtra: ['password'] })
  const pw = body.password
  if (pw !== undefined && pw !== null && (typeof pw !== 'string' || pw.length > 500)) {
    r.errors.push({
      path: 'password',
      code: typeof pw === 'string' ? 'too_long' : 'type_string',
      params: { max: 500 },
    })
  }
  if (r.errors.length) throw new ValidationError(r.errors)
  const previous = await readSetting<MailSettings>(ctx, MAIL_SETTING)
  const password = pw === undefined ? previous?.password : (pw as string | null) || undefined
  const v = r.values as { host: string; port: number; secure: boolean; user: string | null; from: string }
  return {
    host: v.host,
    port: v.port,
    secure: v.secure,
    ...(v.user ? { user: v.user } : {}),
    ...(password ? { password } : {}),
    from: v.from,
  }
}
