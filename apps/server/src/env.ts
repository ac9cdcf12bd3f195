/**
 * Environment configuration. Every variable is checked at start-up; an invalid one stops the server with
 * one message naming it.
 */
import { resolve } from 'node:path'
import { StartupError } from '@comptoir/core/server'

export interface ServerEnv {
  port: number
  host: string
  dataDir: string
  databaseUrl?: string
  adminEmail: string
  adminPassword?: string
  demo: boolean
  platformToken?: string
  plugins?: string[]
  publicUrl: string
  trustProxy: boolean
  /** Largest uploaded file, in bytes. */
  fileLimit: number
  /** Largest CSV file an import accepts, in bytes. */
  importLimit: number
  /** How many days an import can still be undone. */
  importUndoDays: number
}

function bad(name: string, why: string): never {
  throw new StartupError(`Invalid ${name}: ${why}`)
}

/** A size in whole megabytes (1–1024), in bytes. */
function megabytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  const mb = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isInteger(mb) || mb < 1 || mb > 1024)
    bad(name, `"${raw}" is not a whole number of megabytes (1–1024)`)
  return mb * 1024 * 1024
}

export function readEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerEnv {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    bad('PORT', `"${env.PORT}" is not a port number (0–65535)`)
  const host = env.HOST || '127.0.0.1'
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) bad('HOST', `"${host}" is not a host name or address`)
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    bad('DATABASE_URL', 'expected postgres://user:password@host:port/database')
  const adminEmail = env.COMPTOIR_ADMIN_EMAIL || 'admin@demo.comptoir.local'
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail))
    bad('COMPTOIR_ADMIN_EMAIL', `"${adminEmail}" is not an e-mail address`)
  const adminPassword = env.COMPTOIR_ADMIN_PASSWORD || undefined
  if (adminPassword !== undefined && adminPassword.length < 10)
    bad('COMPTOIR_ADMIN_PASSWORD', 'at least 10 characters')
  const demoRaw = env.COMPTOIR_DEMO ?? '1'
  if (!['0', '1', 'true', 'false'].includes(demoRaw)) bad('COMPTOIR_DEMO', 'use 1 (demo data) or 0 (none)')
  const platformToken = env.COMPTOIR_PLATFORM_TOKEN || undefined
  if (platformToken !== undefined && platformToken.length < 24)
    bad('COMPTOIR_PLATFORM_TOKEN', 'at least 24 characters')
  const plugins = env.COMPTOIR_PLUGINS
    ? env.COMPTOIR_PLUGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined
  if (plugins?.some((p) => !/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$|^[./]/.test(p)))
    bad('COMPTOIR_PLUGINS', 'a comma-separated list of package names')
  const publicUrl =
    env.COMPTOIR_PUBLIC_URL ||
    `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`
  try {
    new URL(publicUrl)
  } catch {
    bad('COMPTOIR_PUBLIC_URL', `"${publicUrl}" is not a URL`)
  }
  const undoRaw = env.COMPTOIR_IMPORT_UNDO_DAYS
  const importUndoDays = undoRaw === undefined || undoRaw === '' ? 7 : Number(undoRaw)
  if (!Number.isInteger(importUndoDays) || importUndoDays < 1 || importUndoDays > 365)
    bad('COMPTOIR_IMPORT_UNDO_DAYS', `"${undoRaw}" is not a whole number of days (1–365)`)
  const trustRaw = env.COMPTOIR_TRUST_PROXY ?? '0'
  if (!['0', '1', 'true', 'false'].includes(trustRaw))
    bad('COMPTOIR_TRUST_PROXY', 'use 1 behind a reverse proxy, 0 otherwise')
  return {
    trustProxy: trustRaw === '1' || trustRaw === 'true',
    fileLimit: megabytes(env, 'COMPTOIR_MAX_FILE_MB', 10),
    importLimit: megabytes(env, 'COMPTOIR_MAX_IMPORT_MB', 64),
    importUndoDays,
    port,
    host,
    dataDir: resolve(cwd, env.COMPTOIR_DATA_DIR || '.comptoir'),
    databaseUrl,
    adminEmail,
    adminPassword,
    demo: demoRaw === '1' || demoRaw === 'true',
    platformToken,
    plugins,
    publicUrl,
  }
}
