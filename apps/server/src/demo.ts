/**
 * First run: the demo tenant (slug `demo`) with its admin, and, unless COMPTOIR_DEMO=0, demo users, teams
 * and every plugin's demo data. Runs once: a second start finds the tenant and does nothing. All of it is
 * one transaction, so a first run stopped half-way leaves no tenant and the next start makes it whole.
 */
import { randomBytes } from 'node:crypto'
import { type Core, createTenant, type Database, hashPassword, uuidv7 } from '@comptoir/core/server'
import type { ServerEnv } from './env'
import { inOneTransaction } from './one-transaction'

export interface DemoLogin {
  email: string
  /** Only when it was generated now: printed once. */
  generatedPassword?: string
  created: boolean
}

const DEMO_DOMAIN = 'demo.comptoir.local'

const DEMO_USERS = [
  { name: 'Claire Dubois', email: 'claire.dubois', template: 'sales-manager', team: 'Équipe Paris' },
  { name: 'Julien Moreau', email: 'julien.moreau', template: 'sales-rep', team: 'Équipe Paris' },
  { name: 'Sophie Lefèvre', email: 'sophie.lefevre', template: 'sales-rep', team: 'Équipe Lyon' },
  { name: 'Thomas Girard', email: 'thomas.girard', template: 'read-only', team: 'Équipe Lyon' },
]

export interface DemoOptions {
  /** The same core on another database: the one transaction the demo workspace is written in. */
  coreOn: (db: Database) => Promise<Core>
  /** Aborted on Ctrl-C: the transaction rolls back. */
  signal: AbortSignal
}

export async function ensureDemoTenant(core: Core, env: ServerEnv, o: DemoOptions): Promise<DemoLogin> {
  const existing = await core.db.system((tx) =>
    tx.query('SELECT id FROM core_tenant WHERE slug = $1', ['demo']),
  )
  if (existing.length) return { email: env.adminEmail, created: false }
  const generatedPassword = env.adminPassword ? undefined : randomBytes(12).toString('base64url')
  const password = env.adminPassword ?? generatedPassword!
  console.log(`Creating the demo workspace "demo"${env.demo ? ' and its demo data' : ''}…`)
  await inOneTransaction(core.db, o.signal, async (db) => {
    const one = await o.coreOn(db)
    const { tenantId } = await createTenant(one, {
      name: 'Comptoir Démo',
      slug: 'demo',
      admin: { email: env.adminEmail, password, name: 'Administrateur' },
    })
    if (env.demo) await seedDemo(one, tenantId, password)
  })
  return { email: env.adminEmail, generatedPassword, created: true }
}

async function seedDemo(core: Core, tenantId: string, password: string): Promise<void> {
  const domain = DEMO_DOMAIN
  const hash = await hashPassword(password)
  await core.withTenant(tenantId, async (ctx) => {
    const teams = new Map<string, string>()
    for (const u of DEMO_USERS) {
      const id = uuidv7()
      await ctx.tx.query(
        'INSERT INTO core_user (tenant_id, id, email, name, password_hash, locale) VALUES ($1, $2, $3, $4, $5, $6)',
        [tenantId, id, `${u.email}@${domain}`, u.name, hash, 'fr'],
      )
      const [role] = await ctx.tx.query<{ id: string }>(
        'SELECT id FROM core_role WHERE tenant_id = $1 AND template = $2',
        [tenantId, u.template],
      )
      if (role)
        await ctx.tx.query('INSERT INTO core_user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
          tenantId,
          id,
          role.id,
        ])
      let team = teams.get(u.team)
      if (!team) {
        team = uuidv7()
        teams.set(u.team, team)
        await ctx.tx.query('INSERT INTO core_team (tenant_id, id, name) VALUES ($1, $2, $3)', [
          tenantId,
          team,
          u.team,
        ])
      }
      await ctx.tx.query('INSERT INTO core_team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)', [
        tenantId,
        team,
        id,
      ])
    }
  })
  for (const p of core.registry.plugins) {
    if (!p.demo) continue
    await core.withTenant(tenantId, (ctx) => p.demo!({ ctx, tenantId }))
  }
  await spreadOwners(core, tenantId)
}

/** Gives the demo records to the demo users in turn, so that own and team scopes show something. */
async function spreadOwners(core: Core, tenantId: string): Promise<void> {
  await core.withTenant(tenantId, async (ctx) => {
    const users = await ctx.tx.query<{ id: string }>(
      'SELECT id FROM core_user WHERE tenant_id = $1 ORDER BY created_at, id',
      [tenantId],
    )
    const ids = users.map((u) => u.id)
    for (const e of core.registry.entities.values()) {
      if (e.ownership === 'none') continue
      await ctx.tx.query(
        `UPDATE "${e.table}" t SET owner_id = ($2::uuid[])[1 + (n.rn % cardinality($2::uuid[]))]
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM "${e.table}" WHERE tenant_id = $1 AND owner_id IS NULL) n
         WHERE t.tenant_id = $1 AND t.id = n.id`,
        [tenantId, ids],
      )
    }
  })
}
