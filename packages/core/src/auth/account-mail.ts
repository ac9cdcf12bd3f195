/**
 * The e-mails of the account flows: a password reset link and an invitation to choose a first
 * password, both pointing at the web app's `/reset-password` page, in the recipient's language.
 * @module
 */
import { type MailSettings, sendMail } from '../mail/mailer'
import { translate } from '../i18n/messages'
import type { Locale } from '../plugin/define-plugin'
import type { Core } from '../server/core'

export interface AccountMail {
  kind: 'reset' | 'invite'
  to: string
  name: string
  tenantName: string
  token: string
  locale: Locale
  /** Who sent the invitation. */
  inviter?: string
}

export function resetLink(core: Core, token: string): string {
  return `${core.config.publicUrl.replace(/\/+$/, '')}/reset-password?token=${token}`
}

/** Sends the message; throws when no mail server is configured or the server refuses it. */
export async function sendAccountMail(
  core: Core,
  settings: MailSettings | null,
  m: AccountMail,
): Promise<void> {
  if (!settings) throw new Error(`No mail server configured: cannot send the ${m.kind} e-mail to ${m.to}`)
  const messages = core.messages
  const params = {
    name: m.name,
    tenant: m.tenantName,
    link: resetLink(core, m.token),
    email: m.to,
    inviter: m.inviter ?? '',
  }
  await sendMail(settings, {
    to: m.to,
    subject: translate(messages, m.locale, `core:mail.${m.kind}.subject`, params),
    text: translate(messages, m.locale, `core:mail.${m.kind}.body`, params),
  })
}
