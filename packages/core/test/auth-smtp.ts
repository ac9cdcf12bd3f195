/**
 * The SMTP sink of the test kit, under the names the account e-mail tests use, and the reset-link reader.
 */
import { createSmtpSink, type ReceivedMail, type SmtpSink } from '../src/testing/smtp-sink'

export type { ReceivedMail }
export type TestSmtp = SmtpSink

export function startSmtp(auth?: { user: string; password: string }): Promise<TestSmtp> {
  return createSmtpSink({ auth })
}

/** The `token` of the `/reset-password?token=…` link in a message. */
export function linkToken(mail: ReceivedMail): string {
  const m = /\/reset-password\?token=([a-z2-7]{32})/.exec(mail.text)
  if (!m) throw new Error(`No reset link in: ${mail.text}`)
  return m[1]
}
