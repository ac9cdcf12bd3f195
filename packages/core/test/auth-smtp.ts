/**
 * A real SMTP server on loopback for the account e-mail tests: it receives what Comptoir sends and
 * decodes subject and text (quoted-printable or base64, RFC 2047 subjects).
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string[]
  from: string
  subject: string
  text: string
  /** The SMTP user the sender authenticated as, if any. */
  user?: string
}

export interface TestSmtp {
  port: number
  inbox: ReceivedMail[]
  /** Resolves with the first message to `to` not taken yet; rejects after `ms`. */
  next(to: string, ms?: number): Promise<ReceivedMail>
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

export async function startSmtp(auth?: { user: string; password: string }): Promise<TestSmtp> {
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
  return {
    port,
    inbox,
    async next(to, ms = 5000) {
      const end = Date.now() + ms
      for (;;) {
        const m = inbox.find((x) => !taken.has(x) && x.to.includes(to))
        if (m) {
          taken.add(m)
          return m
        }
        if (Date.now() > end) throw new Error(`No e-mail to ${to} within ${ms} ms`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The `token` of the `/reset-password?token=…` link in a message. */
export function linkToken(mail: ReceivedMail): string {
  const m = /\/reset-password\?token=([a-z2-7]{32})/.exec(mail.text)
  if (!m) throw new Error(`No reset link in: ${mail.text}`)
  return m[1]
}
