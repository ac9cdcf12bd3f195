/** The CLI's commands other than `serve`: migrations, tenants, users, plugins, backup and restore. */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  checkPasswordPolicy,
  createPgliteDatabase,
  createTenant,
  hashPassword,
  lockDataDir,
  StartupError,
  uuidv7,
} from '@comptoir/core/server'
import { boot } from './boot'
import { readEnv } from './env'

type Flags = Record<string, string | true>

/** A command line that cannot be run as written (exit code 2). */
export class UsageError extends Error {}

function need(flags: Flags, name: string): string {
  const v = flags[name]
  if (typeof v !== 'string' || !v) throw new UsageError(`missing --${name}. Run the command with --help.`)
  return v
}

/** The embedded database cannot be copied while a server has it open: say what to do instead. */
function whileRunning(e: unknown, what: string): unknown {
  if (e instanceof StartupError && / is in use by process /.test(e.message))
    return new StartupError(
      `${e.message} ${what} needs the embedded database closed: stop the server, run it, start the server again.`,
    )
  return e
}

export async function migrateCommand(): Promise<void> {
  const core = await boot(readEnv())
  try {
    const applied = await core.migrate()
    console.log(
      applied.length ? applied.map((m) => `applied ${m.plugin}/${m.tag}`).join('\n') : 'Nothing to migrate.',
    )
  } finally {
    await core.db.close()
  }
}

export async function tenantCreate(flags: Flags): Promise<void> {
  const tenant = {
    name: need(flags, 'name'),
    slug: need(flags, 'slug'),
    plan: typeof flags.plan === 'string' ? flags.plan : undefined,
    locale: flags.locale === 'en' ? ('en' as const) : ('fr' as const),
    admin: {
      email: need(flags, 'admin-email'),
      password: need(flags, 'admin-password'),
      name: typeof flags['admin-name'] === 'string' ? flags['admin-name'] : 'Administrateur',
    },
  }
  const core = await boot(readEnv())
  try {
    await core.migrate()
    const { tenantId } = await createTenant(core, tenant)
    console.log(`Tenant ${tenant.slug} created (${tenantId}).`)
  } finally {
    await core.db.close()
  }
}

export async function userCreate(flags: Flags): Promise<void> {
  const slug = need(flags, 'tenant')
  const email = need(flags, 'email').toLowerCase()
  const password = checkPasswordPolicy(need(flags, 'password'))
  const core = await boot(readEnv())
  try {
    const tenant = await core.tenant({ slug })
    const id = uuidv7()
    const hash = await hashPassword(password)
    await core.withTenant(tenant.id, async (ctx) => {
      await ctx.tx.query(
        'INSERT INTO core_user (tenant_id, id, email, name, password_hash, is_admin, locale) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          tenant.id,
          id,
          email,
          typeof flags.name === 'string' ? flags.name : email,
          hash,
          flags.admin === true,
          tenant.locale,
        ],
      )
      if (typeof flags.role === 'string') {
        const [role] = await ctx.tx.query<{ id: string }>(
          'SELECT id FROM core_role WHERE tenant_id = $1 AND (template = $2 OR name = $2)',
          [tenant.id, flags.role],
        )
        if (!role) throw new StartupError(`No role "${flags.role}" in tenant ${tenant.slug}`)
        await ctx.tx.query('INSERT INTO core_user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
          tenant.id,
          id,
          role.id,
        ])
      }
    })
    console.log(`User ${email} created in ${tenant.slug}.`)
  } finally {
    await core.db.close()
  }
}

export async function pluginsList(): Promise<void> {
  const core = await boot(readEnv())
  try {
    for (const p of core.registry.plugins) {
      const deps = Object.entries(p.manifest.dependsOn)
        .map(([d, r]) => `${d} ${r}`)
        .join(', ')
      console.log(
        `${p.manifest.id.padEnd(20)} ${p.manifest.version.padEnd(10)} core ${p.manifest.core}${deps ? `  needs ${deps}` : ''}`,
      )
    }
    if (!core.registry.plugins.length) console.log('No plugin installed.')
  } finally {
    await core.db.close()
  }
}

/** Backup: the embedded database as a .tar.gz of its data directory, or pg_dump's custom format. */
export async function backup(flags: Flags): Promise<void> {
  const env = readEnv()
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
  if (env.databaseUrl) {
    const file = resolve(typeof flags.out === 'string' ? flags.out : `comptoir-${stamp}.dump`)
    const r = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, env.databaseUrl], {
      stdio: 'inherit',
    })
    if (r.status !== 0) throw new StartupError('pg_dump failed (is it installed and on PATH?)')
    console.log(`Backup written to ${file}`)
    return
  }
  const file = resolve(typeof flags.out === 'string' ? flags.out : `comptoir-${stamp}.tar.gz`)
  const dir = join(env.dataDir, 'db')
  if (!existsSync(dir)) throw new StartupError(`No embedded database in ${env.dataDir}`)
  const db = await createPgliteDatabase({ dataDir: dir }).catch((e) => {
    throw whileRunning(e, 'A backup')
  })
  try {
    const dump = await db.pglite.dumpDataDir('gzip')
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  } finally {
    await db.close()
  }
  console.log(`Backup written to ${file}`)
}

/** Restore: replaces the embedded database (the previous one is kept aside), or pg_restore into DATABASE_URL. */
export async function restore(flags: Flags): Promise<void> {
  const env = readEnv()
  const file = resolve(need(flags, 'from'))
  if (!existsSync(file)) throw new StartupError(`No file ${file}`)
  if (env.databaseUrl) {
    const r = spawnSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', `--dbname=${env.databaseUrl}`, file],
      { stdio: 'inherit' },
    )
    if (r.status !== 0) throw new StartupError('pg_restore failed')
    console.log('Restored.')
    return
  }
  const dir = join(env.dataDir, 'db')
  // Held throughout: no server can open the database while it is being replaced.
  let unlock: () => void
  try {
    unlock = lockDataDir(dir)
  } catch (e) {
    throw whileRunning(e, 'A restore')
  }
  try {
    // Loaded beside the database first: a bad archive leaves the current database as it was.
    const loading = `${dir}.restoring-${Date.now()}`
    try {
      const db = await createPgliteDatabase({ dataDir: loading, loadDataDir: new Blob([readFileSync(file)]) })
      await db.close()
    } catch (e) {
      rmSync(loading, { recursive: true, force: true })
      throw new StartupError(`Cannot restore ${file}: ${(e as Error).message}`)
    }
    const aside = `${dir}.before-restore-${Date.now()}`
    const kept = existsSync(dir)
    if (kept) renameSync(dir, aside)
    renameSync(loading, dir)
    console.log(`Restored into ${dir}${kept ? ` (previous database kept in ${aside})` : ''}.`)
  } finally {
    unlock()
  }
}
