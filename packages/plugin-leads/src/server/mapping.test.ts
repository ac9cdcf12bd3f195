import { frenchVatNumber, validateRecord } from '@comptoir/core'
import { account } from '@comptoir/plugin-accounts'
import { contact } from '@comptoir/plugin-contacts'
import { describe, expect, it } from 'vitest'
import { generateLeads } from './demo-data'
import { mapLeadToAccount, mapLeadToContact, mapLeadToDeal } from './mapping'

const accountId = '0193a1b2-c3d4-7e5f-8a9b-000000000001'
const contactId = '0193a1b2-c3d4-7e5f-8a9b-000000000002'

const lead = {
  id: '0193a1b2-c3d4-7e5f-8a9b-000000000003',
  salutation: 'mrs',
  firstName: 'Élodie',
  lastName: 'Martin',
  company: 'Menuiserie Martin',
  title: 'Gérante',
  email: 'elodie.martin@menuiserie-martin.fr',
  secondaryEmail: null,
  phone: '+33 2 41 12 34 56',
  mobile: '+33 6 12 34 56 78',
  fax: null,
  website: 'https://www.menuiserie-martin.fr',
  leadSource: 'trade_show',
  industry: 'construction',
  status: 'qualified',
  rating: 'active',
  annualRevenue: '850000.00',
  employees: 9,
  siren: '303265045',
  siret: '30326504500011',
  address: {
    street: '3 rue Pasteur',
    postalCode: '49000',
    city: 'Angers',
    region: 'Pays de la Loire',
    country: 'France',
  },
  description: 'Rencontrée sur le salon Batimat.',
  emailOptOut: false,
  doNotCall: true,
}

describe('mapLeadToAccount', () => {
  it('makes the company an account with its phone, web site, industry, address and identity', () => {
    expect(mapLeadToAccount(lead)).toEqual({
      name: 'Menuiserie Martin',
      phone: '+33 2 41 12 34 56',
      website: 'https://www.menuiserie-martin.fr',
      industry: 'construction',
      rating: 'active',
      annualRevenue: '850000.00',
      employees: 9,
      billingAddress: lead.address,
      siren: '303265045',
      siret: '30326504500011',
      vatNumber: frenchVatNumber('303265045'),
    })
  })

  it('leaves out what the lead does not have', () => {
    expect(mapLeadToAccount({ company: 'Garage du Lac', address: { street: null, city: null } })).toEqual({
      name: 'Garage du Lac',
    })
  })
})

describe('mapLeadToContact', () => {
  it('makes the person a contact of the account', () => {
    expect(mapLeadToContact(lead, accountId)).toEqual({
      salutation: 'mrs',
      firstName: 'Élodie',
      lastName: 'Martin',
      account: accountId,
      title: 'Gérante',
      email: 'elodie.martin@menuiserie-martin.fr',
      officePhone: '+33 2 41 12 34 56',
      mobile: '+33 6 12 34 56 78',
      mailingAddress: lead.address,
      leadSource: 'trade_show',
      doNotCall: true,
      description: 'Rencontrée sur le salon Batimat.',
    })
  })
})

describe('mapLeadToDeal', () => {
  it('names the deal after the company unless the user named it', () => {
    const ids = { account: accountId, contact: contactId }
    const stage = '0193a1b2-c3d4-7e5f-8a9b-000000000009'
    expect(mapLeadToDeal(lead, ids, { stage, closeDate: '2026-12-27' })).toEqual({
      name: 'Menuiserie Martin',
      account: accountId,
      contact: contactId,
      type: 'new_business',
      leadSource: 'trade_show',
      closeDate: '2026-12-27',
      stage,
    })
    expect(
      mapLeadToDeal(lead, ids, { name: 'Atelier', amount: '1200', stage, closeDate: '2026-12-27' }),
    ).toMatchObject({
      name: 'Atelier',
      amount: '1200',
    })
  })
})

describe('mapping the demo leads', () => {
  it('gives accounts and contacts their entities accept', () => {
    for (const l of generateLeads()) {
      const a = mapLeadToAccount(l)
      expect(validateRecord(account.fields, a).errors, l.company).toEqual([])
      expect(account.validate?.(a, { op: 'create' }), l.company).toBeUndefined()
      expect(validateRecord(contact.fields, mapLeadToContact(l, accountId)).errors, l.email).toEqual([])
    }
  })
})
