/**
 * Import of a contacts file through the real import path (`POST /api/v1/import/:entity`, then the job's
 * status until it is done) beside postgres.js `COPY` of the same rows into the same indexed table, run
 * before and after it.
 * @module
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { manifest as accountsManifest } from '@comptoir/plugin-accounts'
import { manifest as contactsManifest } from '@comptoir/plugin-contacts'
import { type Core, createTenant } from '@comptoir/core/server'
import type { BenchContext } from '../context'
import { loadRecords, toRows } from '../data/bulk-loader'
import { generateAccounts, generateContacts, type GeneratedRecord } from '../data/generate'
import { importFile } from '../data/import-file'
import type { SeededTenant } from '../data/seed'
import { onOwnConnection } from '../db/own-connection'
import { signIn } from '../scenario'

function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v)
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  )
}

async function copyRows(url: string, table: string, rows: Record<string, unknown>[]): Promise<number> {
  const cols = Object.keys(rows[0])
  const text = rows.map((r) => cols.map((c) => copyText(r[c])).join('\t')).join('\n') + '\n'
  return onOwnConnection(url, 300, async (sql) => {
    const t0 = performance.now()
    const writable = await sql
      .unsafe(`COPY "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) FROM STDIN`)
      .writable()
    await pipeline(Readable.from([Buffer.from(text)]), writable)
    return (performance.now() - t0) / 1000
  })
}

interface ImportRun {
  seconds: number
  created: number
  failed: number
  status: string
}

/**
 * How often the client asks where the job stands. The job records its progress once per batch (about
 * a second): polling every 25 ms, as this measure once did, made the server answer some forty status
 * requests a second that competed with the import for the two CPUs; 250 ms still times the job to
 * within a quarter of a second.
 */
const POLL_MS = 250

/** The server refused the file for its size (413) before reading it. */
class FileTooLargeError extends Error {}

async function runImport(
  base: string,
  t: SeededTenant,
  file: Buffer,
  timeoutSeconds: number,
): Promise<ImportRun> {
  const s = await signIn(base, t)
  const t0 = performance.now()
  const r = await fetch(`${base}/api/v1/import/contacts.contact?mode=create`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', cookie: s.cookie, origin: s.origin },
    body: file,
  })
  const started = (await r.json()) as { id?: string; detail?: string }
  if (r.status === 413) throw new FileTooLargeError(started.detail ?? 'payload too large')
  if (r.status !== 202 || !started.id)
    throw new Error(`Import refused: ${r.status} ${JSON.stringify(started)}`)
  for (;;) {
    await new Promise((res) => setTimeout(res, POLL_MS))
    const st = await fetch(`${base}/api/v1/import/jobs/${started.id}?errorsLimit=3`, {
      headers: { cookie: s.cookie },
    })
    const job = (await st.json()) as { status: string; created: number; failed: number; errors?: unknown[] }
    const seconds = (performance.now() - t0) / 1000
    if (!['queued', 'running', 'pending'].includes(job.status) || seconds > timeoutSeconds) {
      if (job.failed) throw new Error(`Import refused ${job.failed} row(s): ${JSON.stringify(job.errors)}`)
      if (job.status === 'failed') throw new Error(`Import failed: ${JSON.stringify(job)}`)
      return { seconds, created: job.created, failed: job.failed, status: job.status }
    }
  }
}

/** The same rows as files of at most `maxBytes`, imported one after the other. */
async function runImportInParts(
  base: string,
  t: SeededTenant,
  records: GeneratedRecord[],
  maxBytes: number,
  timeoutSeconds: number,
): Promise<ImportRun & { files: number }> {
  const perRow = importFile(records).length / records.length
  const rowsPerFile = Math.max(1, Math.floor((maxBytes * 0.9) / perRow))
  const total: ImportRun & { files: number } = { seconds: 0, created: 0, failed: 0, status: 'done', files: 0 }
  for (let i = 0; i < records.length; i += rowsPerFile) {
    const r = await runImport(base, t, importFile(records.slice(i, i + rowsPerFile)), timeoutSeconds)
    total.seconds += r.seconds
    total.created += r.created
    total.failed += r.failed
    total.files++
    if (r.status !== 'done') total.status = r.status
  }
  return total
}

export interface ImportOptions {
  core: Core
  rows: number
  timeoutSeconds: number
}

export async function measureImport(ctx: BenchContext, o: ImportOptions): Promise<void> {
  const { report } = ctx
  ctx.log(`measuring import of ${o.rows.toLocaleString('en')} contacts`)
  const { core } = o
  const password = `Import-${Date.now()}-mot-de-passe`
  const t = await createTenant(core, {
    name: 'Import',
    slug: 'import',
    admin: { email: 'admin@import.comptoir.test', password, name: 'Admin Import' },
  })
  const tenant: SeededTenant = {
    id: t.tenantId,
    slug: 'import',
    adminId: t.adminId,
    adminEmail: 'admin@import.comptoir.test',
    password,
  }
  const accounts = generateAccounts(7, Math.max(1, Math.ceil(o.rows / 10)), ctx.data.now)
  const accountTarget = {
    db: core.db,
    tenantId: tenant.id,
    ownerId: tenant.adminId,
    entity: accountsManifest.entity('account'),
  }
  for (let i = 0; i < accounts.length; i += 10_000)
    await loadRecords(accountTarget, accounts.slice(i, i + 10_000))
  const plan = { count: o.rows, firstAccountContacts: 0 }
  const records = generateContacts(7, plan, accounts, ctx.data.now, 0, o.rows)
  const file = importFile(records)
  const contactTarget = {
    db: core.db,
    tenantId: tenant.id,
    ownerId: tenant.adminId,
    entity: contactsManifest.entity('contact'),
  }
  const copyRound = (round: number) => {
    const fresh = generateContacts(7, plan, accounts, ctx.data.now, 0, o.rows)
    const rows = toRows(contactTarget, fresh)
    rows.forEach((r, i) => {
      r.number = `COPY-${round}-${i}`
    })
    return copyRows(ctx.url, contactsManifest.entity('contact').table, rows)
  }
  const copy1 = await copyRound(1)
  let imp: ImportRun
  let how = 'one CSV file'
  try {
    imp = await runImport(ctx.server.base, tenant, file, o.timeoutSeconds)
    report.budget(`import accepts a ${(file.length / 1e6).toFixed(0)} MB file`, 1, '>=', 1)
  } catch (e) {
    if (!(e instanceof FileTooLargeError)) throw e
    report.budget(`import accepts a ${(file.length / 1e6).toFixed(0)} MB file`, 0, '>=', 1)
    const parts = await runImportInParts(ctx.server.base, tenant, records, 1024 * 1024, o.timeoutSeconds)
    imp = parts
    how = `${parts.files} files of ≤ 1 MB: the ${(file.length / 1e6).toFixed(0)} MB file is refused (413)`
    report.note(
      `Import: the ${(file.length / 1e6).toFixed(1)} MB file of ${o.rows.toLocaleString('en')} contacts is refused with 413 (“${e.message}”); the same rows were imported as ${parts.files} files of at most 1 MB, one after the other.`,
    )
  }
  const copy2 = await copyRound(2)
  const copySeconds = (copy1 + copy2) / 2
  const importRate = imp.created / imp.seconds
  const copyRate = o.rows / copySeconds
  report.metric('import_rows_per_s', importRate)
  report.metric('import_seconds', imp.seconds)
  report.metric('import_copy_rows_per_s', copyRate)
  const ratio = report.ratio('import_vs_copy', importRate / copyRate)
  report.row({
    measure: `Import ${o.rows.toLocaleString('en')} contacts (CSV: ${how}; until the job is done)`,
    comptoir: `${Math.round(importRate).toLocaleString('en')} rows/s, ${imp.seconds.toFixed(1)} s (${imp.status}, ${imp.created.toLocaleString('en')} created)`,
    floor: `COPY ${Math.round(copyRate).toLocaleString('en')} rows/s (${copy1.toFixed(1)} s, ${copy2.toFixed(1)} s)`,
    ratio: `${(ratio * 100).toFixed(0)} %`,
  })
  report.budget('import rows/s ÷ COPY rows/s', ratio, '>=', 0.25)
  report.budget('import rows/s', importRate, '>=', 25_000)
  report.budget(
    `import of ${o.rows.toLocaleString('en')} rows, seconds (scaled to 100,000 rows: ≤ 5 s)`,
    (imp.seconds * 100_000) / o.rows,
    '<=',
    5,
  )
}
