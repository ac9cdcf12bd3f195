/**
 * The invitation a user created without a password receives: a link to choose one (the password reset
 * flow, valid 7 days), sent once the user's creation is committed.
 * @module
 */
import { sendAccountMail } from '../auth/account-mail'
import type { Locale } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import { readMailSettings } from '../settings/mail-settings'

export async function sendInvitation(
  ctx: RequestContext,
  user: { email: string; name: string; locale: string },
  token: string,
): Promise<void> {
  const settings = await readMailSettings(ctx)
  const mail = {
    kind: 'invite' as const,
    to: user.email,
    name: user.name,
    tenantName: ctx.tenant.name,
    token,
    locale: user.locale as Locale,
    inviter: ctx.user.name,
  }
  // The account exists either way: a mail failure is logged, and the administrator can invite again.
  ctx.afterCommit(() => sendAccountMail(ctx.core, settings, mail).catch((e) => console.error(e)))
}
