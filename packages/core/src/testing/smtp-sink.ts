/**
 * A real SMTP server on loopback that keeps what it receives: the mail a test core sends (password
 * resets, invitations, a plugin's own mail) lands here, decoded (quoted-printable or base64 bodies,
 * RFC 2047 subjects). Needs the `smtp-server` package, an optional peer dependency of `@comptoir/core`.
 * @module
 */
import type { AddressInfo } from 'node:net'
import type { MailSettings } from '../mail/mailer'

export interface ReceivedMail {
  to: string[]
  from: string
  subject: string
  text: string
  /** The SMTP user the sender authenticated as, if any. */
  user?: string
}

export interface SmtpSinkOptions {
  /** Require this login (the sink then refuses unauthenticated senders). */
  auth?: { user: string; password: string }
}

export interface SmtpSink {
  readonly host: string
  readonly port: number
  /** Everything received so far, oldest first. */
  readonly inbox: ReceivedMail[]
  /** Received messages, optionally only those to `to` (case-insensitive). */
  messages(filter?: { to?: string }): ReceivedMail[]
  /** Resolves with the first message to `to` not taken yet; rejects after `ms` (5 s by default). */
  next(to: string, ms?: number): Promise<ReceivedMail>
  /** Mail settings that send to this sink, as a tenant's `mail.smtp` or the server's `mail`. */
  settings(from?: string): MailSettings
  close(): Promise<void>
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  )
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}

function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? ''
  return {
    subject: decodeWords(header('subject')),
    text: decodeBody(raw.slice(split + 4), header('content-transfer-encoding').toLowerCase()).replace(
      /\r\n/g,
      '\n',
    ),
  }
}

async function loadSmtpServer() {
  try {
    return (await import('smtp-server')).SMTPServer
  } catch (e) {
    throw new Error('The SMTP sink needs the smtp-server package: add it to your devDependencies', {
      cause: e,
    })
  }
}

/** Starts a sink on 127.0.0.1 on a free port. */
export async function createSmtpSink(o: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const SMTPServer = await loadSmtpServer()
  const auth = o.auth
  const inbox: ReceivedMail[] = []
  const taken = new Set<ReceivedMail>()
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.password)
        return cb(null, { user: a.username })
      return cb(new Error('Invalid username or password'))
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          user: session.user as string | undefined,
          ...parse(Buffer.concat(chunks).toString('utf8')),
        })
        cb()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const to = (m: ReceivedMail, address: string) => m.to.some((x) => x.toLowerCase() === address.toLowerCase())
  return {
    host: '127.0.0.1',
    port,
    inbox,
    messages: (f = {}) => inbox.filter((m) => !f.to || to(m, f.to)),
    async next(address, ms = 5000) {
      const end = Date.now() + ms
      for (;;) {
        const m = inbox.find((x) => !taken.has(x) && to(x, address))
        if (m) {
          taken.add(m)
          return m
        }
        if (Date.now() > end) throw new Error(`No e-mail to ${address} within ${ms} ms`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    settings: (from = 'Comptoir <noreply@comptoir.test>') => ({
      host: '127.0.0.1',
      port,
      from,
      ...(auth ? { user: auth.user, password: auth.password } : {}),
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
