/** The CLI's commands other than `serve`: migrations, tenants, users, plugins, backup and restore. */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  createPgliteDatabase,
  createTenant,
  hashPassword,
  checkPasswordPolicy,
  StartupError,
  uuidv7,
} from '@comptoir/core/server'
import { boot } from './boot'
import { readEnv } from './env'

type Flags = Record<string, string | true>

function need(flags: Flags, name: string): string {
  const v = flags[name]
  if (typeof v !== 'string' || !v) throw new StartupError(`Missing --${name}`)
  return v
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
  const core = await boot(readEnv())
  try {
    await core.migrate()
    const { tenantId } = await createTenant(core, {
      name: need(flags, 'name'),
      slug: need(flags, 'slug'),
      plan: typeof flags.plan === 'string' ? flags.plan : undefined,
      locale: flags.locale === 'en' ? 'en' : 'fr',
      admin: {
        email: need(flags, 'admin-email'),
        password: need(flags, 'admin-password'),
        name: typeof flags['admin-name'] === 'string' ? flags['admin-name'] : 'Administrateur',
      },
    })
    console.log(`Tenant ${flags.slug} created (${tenantId}).`)
  } finally {
    await core.db.close()
  }
}

export async function userCreate(flags: Flags): Promise<void> {
  const core = await boot(readEnv())
  try {
    const tenant = await core.tenant({ slug: need(flags, 'tenant') })
    const password = checkPasswordPolicy(need(flags, 'password'))
    const id = uuidv7()
    const hash = await hashPassword(password)
    await core.withTenant(tenant.id, async (ctx) => {
      await ctx.tx.query(
        'INSERT INTO core_user (tenant_id, id, email, name, password_hash, is_admin, locale) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          tenant.id,
          id,
          need(flags, 'email').toLowerCase(),
          typeof flags.name === 'string' ? flags.name : need(flags, 'email'),
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
    console.log(`User ${flags.email} created in ${tenant.slug}.`)
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
  const db = await createPgliteDatabase({ dataDir: dir })
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
  const aside = `${dir}.before-restore-${Date.now()}`
  if (existsSync(dir)) renameSync(dir, aside)
  try {
    const db = await createPgliteDatabase({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) })
    await db.close()
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    if (existsSync(aside)) renameSync(aside, dir)
    throw e
  }
  console.log(`Restored into ${dir}${existsSync(aside) ? ` (previous database kept in ${aside})` : ''}.`)
}
