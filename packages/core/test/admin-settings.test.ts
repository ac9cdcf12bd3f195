import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { RETENTION_QUEUE } from '../src/settings/trash-retention'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let globex: TestClient
let rep: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  globex = await t.as('globex')
  rep = await t.as('acme', { roles: ['sales-rep'] })
})
afterAll(() => t?.close())

const COMPANY = {
  name: 'ACME SAS',
  legalForm: 'SAS',
  siren: '732 829 320',
  siret: '732 829 320 00009',
  vatNumber: 'fr 44 732829320',
  naf: '6201z',
  shareCapital: '10000',
  rcsCity: 'Lyon',
  address: { street: '1 rue de la République', postalCode: '69001', city: 'Lyon', country: 'FR' },
  phone: '+33 4 72 00 00 00',
  email: 'contact@acme.test',
  website: 'acme.test',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
}

describe('company identity', () => {
  it('starts from the workspace name and stores a checked, normalised identity', async () => {
    const empty = await admin.get('/api/v1/admin/settings/company')
    expect(empty.body).toMatchObject({ name: 'ACME', siren: null, iban: null })
    const r = await admin.request('PUT', '/api/v1/admin/settings/company', COMPANY)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      siren: '732829320',
      siret: '73282932000009',
      vatNumber: 'FR44732829320',
      naf: '62.01Z',
      shareCapital: '10000',
      website: 'https://acme.test',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
    })
    expect((await admin.get('/api/v1/admin/settings/company')).body).toEqual(r.body)
    expect((await globex.get('/api/v1/admin/settings/company')).body).toMatchObject({
      name: 'GLOBEX',
      siren: null,
    })
  })

  it('names every invalid identifier and keeps the stored identity', async () => {
    const r = await admin.request('PUT', '/api/v1/admin/settings/company', {
      ...COMPANY,
      siren: '123456789',
      iban: 'FR7630006000011234567890188',
      bic: 'AGRI',
      naf: '6201',
      email: 'contact',
    })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'bic:invalid_bic',
      'email:invalid_email',
      'iban:invalid_iban',
      'naf:invalid_naf',
      'siren:invalid_siren',
    ])
    const mismatch = await admin.request('PUT', '/api/v1/admin/settings/company', {
      ...COMPANY,
      siret: '55210055400013',
      vatNumber: 'FR40303265045',
    })
    expect(mismatch.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'siret:siret_siren_mismatch',
      'vatNumber:vat_siren_mismatch',
    ])
    expect((await admin.get('/api/v1/admin/settings/company')).body.siren).toBe('732829320')
  })
})

describe('recycle bin retention', () => {
  it('keeps 30 days by default and accepts 1 to 3650', async () => {
    expect((await admin.get('/api/v1/admin/settings/trash')).body).toEqual({ retentionDays: 30 })
    for (const bad of [0, 3651, 'ten', 1.5]) {
      const r = await admin.request('PUT', '/api/v1/admin/settings/trash', { retentionDays: bad })
      expect(r.status).toBe(422)
      expect(r.body.errors[0].path).toBe('retentionDays')
    }
    expect((await admin.request('PUT', '/api/v1/admin/settings/trash', { retentionDays: 7 })).body).toEqual({
      retentionDays: 7,
    })
    expect((await globex.get('/api/v1/admin/settings/trash')).body).toEqual({ retentionDays: 30 })
  })

  it('purges every day what is older than the retention, tenant by tenant', async () => {
    const old = await admin.post('/api/v1/records/crm.company', { name: 'Vieille SARL' })
    const recent = await admin.post('/api/v1/records/crm.company', { name: 'Récente SARL' })
    const theirs = await globex.post('/api/v1/records/crm.company', { name: 'Globex ancienne' })
    await admin.delete(`/api/v1/records/crm.company/${old.body.id}`)
    await admin.delete(`/api/v1/records/crm.company/${recent.body.id}`)
    await globex.delete(`/api/v1/records/crm.company/${theirs.body.id}`)
    await t.db.system((tx) =>
      tx.query(
        "UPDATE core_trash_entry SET deleted_at = now() - interval '10 days' WHERE record_id = ANY($1::uuid[])",
        [[old.body.id, theirs.body.id]],
      ),
    )
    await t.core.jobs.runDue()
    const trash = (await admin.get('/api/v1/trash')).body.data.map((e: any) => e.title)
    expect(trash).toContain('Récente SARL')
    expect(trash).not.toContain('Vieille SARL')
    expect((await globex.get('/api/v1/trash')).body.data.map((e: any) => e.title)).toContain(
      'Globex ancienne',
    )
    const queued = await t.db.system((tx) =>
      tx.query<{ tenant_id: string; run_at: string }>(
        "SELECT tenant_id, run_at FROM core_job WHERE queue = $1 AND status = 'queued'",
        [RETENTION_QUEUE],
      ),
    )
    expect(queued.map((j) => j.tenant_id).sort()).toEqual([t.tenants.acme.id, t.tenants.globex.id].sort())
    for (const j of queued) expect(new Date(j.run_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000)
  })
})

describe('mail server', () => {
  it('names invalid settings', async () => {
    const r = await admin.request('PUT', '/api/v1/admin/settings/mail', {
      host: 'smtp example',
      port: 70000,
      from: 'nobody',
      password: 42,
    })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => e.path).sort()).toEqual(['from', 'host', 'password', 'port'])
    expect((await admin.get('/api/v1/admin/settings/mail')).body).toEqual({ source: 'none' })
  })
})

describe('numbering', () => {
  it('shows how each numbered entity is numbered, and moves the next number forward only', async () => {
    const first = await admin.get('/api/v1/admin/numbering')
    expect(first.body.data).toEqual([
      {
        entity: 'crm.company',
        field: 'number',
        prefix: 'CO-',
        padding: 4,
        yearly: false,
        next: 3,
        preview: 'CO-0003',
      },
    ])
    const r = await admin.patch('/api/v1/admin/numbering', {
      'crm.company': { prefix: 'SOC-', padding: 3, next: 50 },
    })
    expect(r.status).toBe(200)
    expect(r.body.data[0]).toMatchObject({ prefix: 'SOC-', padding: 3, next: 50, preview: 'SOC-050' })
    expect((await admin.post('/api/v1/records/crm.company', { name: 'Numérotée' })).body.number).toBe(
      'SOC-050',
    )
    const back = await admin.patch('/api/v1/admin/numbering', { 'crm.company': { next: 10, prefix: 'X-' } })
    expect(back.status).toBe(422)
    expect(back.body.errors[0]).toMatchObject({
      path: 'crm.company.next',
      code: 'too_small',
      params: { min: 51 },
    })
    expect((await admin.get('/api/v1/admin/numbering')).body.data[0].prefix).toBe('SOC-')
    const year = new Date().getUTCFullYear()
    const yearly = await admin.patch('/api/v1/admin/numbering', { 'crm.company': { yearly: true } })
    expect(yearly.body.data[0]).toMatchObject({ next: 1, preview: `SOC-${year}-001` })
    expect((await admin.post('/api/v1/records/crm.company', { name: 'Annuelle' })).body.number).toBe(
      `SOC-${year}-001`,
    )
    const unknown = await admin.patch('/api/v1/admin/numbering', {
      'crm.person': { prefix: 'P-' },
      'crm.company': { padding: 40 },
    })
    expect(unknown.body.errors.map((e: any) => e.path).sort()).toEqual(['crm.company.padding', 'crm.person'])
    expect((await globex.get('/api/v1/admin/numbering')).body.data[0]).toMatchObject({
      prefix: 'CO-',
      padding: 4,
    })
  })
})

describe('administrators only', () => {
  it('refuses settings and numbering to other users', async () => {
    for (const path of ['settings/company', 'settings/trash', 'settings/mail', 'numbering']) {
      expect((await rep.get(`/api/v1/admin/${path}`)).status).toBe(403)
    }
    expect((await rep.request('PUT', '/api/v1/admin/settings/company', COMPANY)).status).toBe(403)
    expect((await rep.request('PUT', '/api/v1/admin/settings/trash', { retentionDays: 1 })).status).toBe(403)
    expect(
      (
        await rep.request('PUT', '/api/v1/admin/settings/mail', {
          host: 'evil.test',
          port: 25,
          from: 'x@evil.test',
        })
      ).status,
    ).toBe(403)
    expect((await rep.delete('/api/v1/admin/settings/mail')).status).toBe(403)
    expect((await rep.patch('/api/v1/admin/numbering', { 'crm.company': { next: 9999 } })).status).toBe(403)
    expect((await admin.get('/api/v1/admin/settings/trash')).body).toEqual({ retentionDays: 7 })
    expect((await admin.get('/api/v1/admin/settings/mail')).body).toEqual({ source: 'none' })
  })
})
