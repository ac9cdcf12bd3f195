import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import deals from '@comptoir/plugin-deals/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import leads from '../src/server/index'
import { memo } from './fixtures/memo/plugin'

const CONTACTS = '/api/v1/records/contacts.contact'
const LEADS = '/api/v1/records/leads.lead'
const NOTES = '/api/v1/records/memo.note'
const CAMPAIGNS = '/api/v1/records/memo.campaign'
const convertPath = (id: string) => `${LEADS}/${id}/actions/convert`

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, leads, deals, memo] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

async function ok(p: Promise<{ status: number; body: any }>, status = 201) {
  const r = await p
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  return r.body
}

async function upload(name: string, text: string): Promise<string> {
  const boundary = 'comptoir-test-boundary'
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${name}"`,
    'Content-Type: text/plain',
    '',
    text,
    `--${boundary}--`,
    '',
  ].join('\r\n')
  const r = await admin.request('POST', '/api/v1/files', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id
}

/** A lead with a story: edited twice, a note filed under it, a campaign it belongs to and a brochure. */
async function leadWithStory(lastName: string) {
  const lead = await ok(
    admin.post(LEADS, {
      firstName: 'Aurélie',
      lastName,
      company: `Fromagerie ${lastName}`,
      phone: '+33 4 76 11 22 33',
    }),
  )
  const edited = await ok(
    admin.patch(`${LEADS}/${lead.id}`, { title: 'Gérante', version: lead.version }),
    200,
  )
  const brochure = await upload('plaquette.txt', 'Tarifs 2027')
  const filed = await ok(admin.patch(`${LEADS}/${lead.id}`, { brochure, version: edited.version }), 200)
  const note = await ok(
    admin.post(NOTES, { text: 'Rappeler après le salon', about: { entity: 'leads.lead', id: lead.id } }),
  )
  const campaign = await ok(admin.post(CAMPAIGNS, { name: `Salon ${lastName}` }))
  await ok(admin.post(`${CAMPAIGNS}/${campaign.id}/links/leads`, { target: lead.id }))
  return { lead: filed, note, campaign, brochure }
}

describe('converting a lead hands over what hangs on it', () => {
  let story: Awaited<ReturnType<typeof leadWithStory>>
  let contactId: string

  beforeAll(async () => {
    story = await leadWithStory('Reynaud')
    const r = await ok(admin.post(convertPath(story.lead.id), {}), 200)
    contactId = r.contact.id
  })

  it('files the lead’s notes under the new contact', async () => {
    const note = await ok(admin.get(`${NOTES}/${story.note.id}`), 200)
    expect(note.about).toMatchObject({ entity: 'contacts.contact', id: contactId })
    const onContact = await ok(admin.get(`${CONTACTS}/${contactId}/related/memo.note.about`), 200)
    expect(onContact.data.map((n: any) => n.text)).toEqual(['Rappeler après le salon'])
    const onLead = await ok(admin.get(`${LEADS}/${story.lead.id}/related/memo.note.about`), 200)
    expect(onLead.data).toEqual([])
    const trail = (await ok(admin.get(`${NOTES}/${story.note.id}/history`), 200)).data
    expect(trail[0].note).toMatchObject({ key: 'leads:history.movedFromLead', lead: story.lead.id })
  })

  it('moves the lead’s links to the contact', async () => {
    const onContact = await ok(admin.get(`${CONTACTS}/${contactId}/related/link.contacts.inverse`), 200)
    expect(onContact.data.map((c: any) => c.name)).toEqual(['Salon Reynaud'])
    const onLead = await ok(admin.get(`${LEADS}/${story.lead.id}/related/link.leads.inverse`), 200)
    expect(onLead.data).toEqual([])
    const fromCampaign = await ok(admin.get(`${CAMPAIGNS}/${story.campaign.id}/related/link.contacts`), 200)
    expect(fromCampaign.data.map((c: any) => c.id)).toEqual([contactId])
  })

  it('shows the lead’s history on the contact, and the lead keeps its own', async () => {
    const history = (await ok(admin.get(`${CONTACTS}/${contactId}/history`), 200)).data
    const moved = history.filter((h: any) => h.note?.movedFrom?.id === story.lead.id)
    expect(moved.map((h: any) => h.action)).toEqual(['update', 'update', 'create'])
    expect(moved.flatMap((h: any) => h.changes.map((c: any) => c.field))).toContain('title')
    const own = (await ok(admin.get(`${LEADS}/${story.lead.id}/history`), 200)).data
    expect(own.map((h: any) => h.action)).toEqual(['update', 'update', 'update', 'create'])
  })

  it('gives the contact the lead’s files', async () => {
    const contact = await ok(admin.get(`${CONTACTS}/${contactId}`), 200)
    expect(contact.brochure).toBe(story.brochure)
  })
})

describe('a conversion refused midway', () => {
  it('leaves the notes, links, history and files where they were', async () => {
    const story = await leadWithStory('Fabre')
    const before = (await ok(admin.get(`${CONTACTS}?count=true`), 200)).total
    const r = await admin.post(convertPath(story.lead.id), { deal: { name: 'Affinage', amount: '-5' } })
    expect(r.status, JSON.stringify(r.body)).toBe(422)
    expect(r.body.errors.map((e: any) => e.path)).toContain('deal.amount')

    const note = await ok(admin.get(`${NOTES}/${story.note.id}`), 200)
    expect(note.about).toMatchObject({ entity: 'leads.lead', id: story.lead.id })
    const onLead = await ok(admin.get(`${LEADS}/${story.lead.id}/related/link.leads.inverse`), 200)
    expect(onLead.data.map((c: any) => c.name)).toEqual(['Salon Fabre'])
    expect((await ok(admin.get(`${CONTACTS}?count=true`), 200)).total).toBe(before)
    const lead = await ok(admin.get(`${LEADS}/${story.lead.id}`), 200)
    expect(lead).toMatchObject({
      status: 'not_contacted',
      convertedContact: null,
      version: story.lead.version,
    })
  })
})
