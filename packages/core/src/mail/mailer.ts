/**
 * Outgoing mail through SMTP (nodemailer), with the tenant's settings or the server's default.
 * @module
 */
import type Nodemailer from 'nodemailer'

export interface MailSettings {
  host: string
  port: number
  secure?: boolean
  user?: string
  password?: string
  from: string
}

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

let nodemailer: Promise<typeof Nodemailer> | undefined

export async function sendMail(settings: MailSettings, msg: MailMessage): Promise<void> {
  // Loaded with the first message rather than at start: a server may send none for a long while.
  nodemailer ??= import('nodemailer').then((m) => m.default)
  const transport = (await nodemailer).createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? settings.port === 465,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    tls: { rejectUnauthorized: settings.host !== '127.0.0.1' && settings.host !== 'localhost' },
  })
  try {
    await transport.sendMail({
      from: settings.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
    })
  } finally {
    transport.close()
  }
}
