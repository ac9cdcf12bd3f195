/**
 * The administration objects of a tenant that routes address by id — a second user, a role, a team, a
 * custom field, a saved view, an API token, a session, a notification and an uploaded image — created the
 * way an administrator creates them, so that every `:id` of every route has a real target.
 * @module
 */
import { uuidv7 } from '@comptoir/core/server'
import { TEST_ORIGIN, type TestClient, type TestCore } from '@comptoir/core/testing'
import { appFetcher, signIn } from './session-client'

/** A 1×1 PNG: a file a contact's photo field accepts. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** Uploads a PNG through `POST /api/v1/files` as the tenant's admin (a multipart form, like a browser). */
export async function uploadImage(t: TestCore, admin: TestClient, name: string): Promise<string> {
  const tenant = Object.values(t.tenants).find((x) => x.id === admin.tenantId)!
  const session = await signIn(appFetcher(t.app), TEST_ORIGIN, {
    email: tenant.adminEmail,
    password: tenant.adminPassword,
  })
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), name)
  const res = await t.app.request(`${TEST_ORIGIN}/api/v1/files`, {
    method: 'POST',
    headers: { origin: TEST_ORIGIN, cookie: `comptoir_session=${session.cookie}` },
    body: form,
  })
  const body = await res.json()
  if (res.status !== 201) throw new Error(`Uploading a file failed: ${res.status} ${JSON.stringify(body)}`)
  return body.id
}

export interface TenantObjects {
  userId: string
  roleId: string
  teamId: string
  customFieldId: string
  viewId: string
  tokenId: string
  sessionId: string
  notificationId: string
  importJobId: string
  fileId: string
}

async function must(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p
  if (r.status >= 300) throw new Error(`Creating ${what} failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export async function createTenantObjects(
  t: TestCore,
  admin: TestClient,
  label: string,
): Promise<TenantObjects> {
  const user = await must(
    admin.post('/api/v1/admin/users', {
      email: `${label.toLowerCase()}.user@example.test`,
      name: `${label} Utilisateur`,
    }),
    'a user',
  )
  const role = await must(
    admin.post('/api/v1/admin/roles', { name: `${label} Rôle`, grants: { 'accounts.account.read': 'all' } }),
    'a role',
  )
  const team = await must(admin.post('/api/v1/admin/teams', { name: `${label} Équipe` }), 'a team')
  const field = await must(
    admin.post('/api/v1/admin/custom-fields', {
      entity: 'accounts.account',
      name: `${label.toLowerCase()}Note`,
      type: 'text',
      labels: { fr: `${label} note`, en: `${label} note` },
    }),
    'a custom field',
  )
  const view = await must(
    admin.post('/api/v1/views', { name: `${label} Vue`, entity: 'accounts.account', shared: true }),
    'a saved view',
  )
  const token = await must(admin.post('/api/v1/auth/tokens', { name: `${label} Jeton` }), 'an API token')
  const sessions = await must(admin.get('/api/v1/auth/sessions'), 'the session list')
  const job = await must(
    admin.request(
      'POST',
      '/api/v1/import/accounts.account?mode=create&dryRun=true',
      `name\n${label} Importé\n`,
      {
        'content-type': 'text/csv',
      },
    ),
    'an import job',
  )
  const notificationId = uuidv7()
  await t.db.tenant(admin.tenantId, (tx) =>
    tx.query(
      'INSERT INTO core_notification (tenant_id, id, user_id, kind, title) VALUES ($1, $2, $3, $4, $5)',
      [admin.tenantId, notificationId, admin.userId, 'core.test', `${label} Notification`],
    ),
  )
  return {
    userId: user.id,
    roleId: role.id,
    teamId: team.id,
    customFieldId: field.id,
    viewId: view.id,
    tokenId: token.id,
    sessionId: sessions.data[0].id,
    notificationId,
    importJobId: job.id,
    fileId: await uploadImage(t, admin, `${label} photo.png`),
  }
}
