/**
 * Fills a tenant with one live record of every entity, linked the way users link them (a contact at an
 * account, a deal on both, a contact linked to a second account), plus a record in the trash: enough for
 * every route to have a target.
 * @module
 */
import type { TestClient } from '@comptoir/core/testing'

export interface SeededTenant {
  /** One live record id per entity ref. */
  ids: Record<string, string>
  /** A second account, linked to the contact through `core_link`. */
  otherAccountId: string
  /** A trashed account (in the recycle bin). */
  trashedAccountId: string
  /** An open lead, not converted. */
  leadId: string
}

async function create(client: TestClient, ref: string, data: Record<string, unknown>): Promise<any> {
  const r = await client.post(`/api/v1/records/${ref}`, data)
  if (r.status !== 201) throw new Error(`Seeding ${ref} failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export async function seedTenant(admin: TestClient, label: string): Promise<SeededTenant> {
  const account = await create(admin, 'accounts.account', {
    name: `${label} Conseil`,
    email: 'contact@example.test',
  })
  const other = await create(admin, 'accounts.account', { name: `${label} Industrie` })
  const trashed = await create(admin, 'accounts.account', { name: `${label} Ancien` })
  const contact = await create(admin, 'contacts.contact', {
    lastName: `${label} Martin`,
    firstName: 'Élodie',
    account: account.id,
  })
  const linked = await admin.post(`/api/v1/records/contacts.contact/${contact.id}/links/accounts`, {
    target: other.id,
    role: null,
  })
  if (linked.status !== 201) throw new Error(`Seeding the link failed: ${linked.status}`)
  const stages = await admin.get('/api/v1/records/deals.stage?sort=position')
  const stage = stages.body.data[0]
  const deal = await create(admin, 'deals.deal', {
    name: `${label} Affaire`,
    account: account.id,
    contact: contact.id,
    stage: stage.id,
    closeDate: '2027-03-31',
    amount: '1000.00',
  })
  const lead = await create(admin, 'leads.lead', { lastName: `${label} Durand`, company: `${label} Piste` })
  const del = await admin.delete(`/api/v1/records/accounts.account/${trashed.id}`)
  if (del.status !== 200) throw new Error(`Seeding the trash failed: ${del.status}`)
  return {
    ids: {
      'accounts.account': account.id,
      'contacts.contact': contact.id,
      'deals.stage': stage.id,
      'deals.deal': deal.id,
      'leads.lead': lead.id,
    },
    otherAccountId: other.id,
    trashedAccountId: trashed.id,
    leadId: lead.id,
  }
}
