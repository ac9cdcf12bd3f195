import { describe, expect, it } from 'vitest'
import { duplicateQueries, keeps } from './duplicate-queries'

describe('duplicateQueries', () => {
  it('asks nothing when nothing is typed', () => {
    expect(duplicateQueries({ email: '  ', firstName: 'Élodie' })).toEqual([])
  })

  it('looks for the same e-mail everywhere, ignoring case and converted leads', () => {
    const queries = duplicateQueries({ email: ' Elodie.Martin@Exemple.fr ' })
    expect(queries.map((q) => q.ref)).toEqual(['leads.lead', 'contacts.contact', 'accounts.account'])
    expect(queries[0].filters).toEqual([
      { field: 'email', op: 'eq', value: 'elodie.martin@exemple.fr' },
      { field: 'status', op: 'ne', value: 'converted' },
    ])
  })

  it('checks every phone field of each entity', () => {
    const fields = duplicateQueries({ phone: '+33 6 12 34 56 78' }).map(
      (q) => `${q.ref}.${q.filters?.[0].field}`,
    )
    expect(fields).toEqual([
      'leads.lead.phone',
      'leads.lead.mobile',
      'contacts.contact.officePhone',
      'contacts.contact.mobile',
      'accounts.account.phone',
    ])
  })

  it('searches people by full name and companies by name', () => {
    const queries = duplicateQueries({
      firstName: 'Élodie',
      lastName: 'Martin',
      company: 'Menuiserie Martin',
    })
    expect(queries.map((q) => [q.ref, q.on, q.q])).toEqual([
      ['leads.lead', 'name', 'Élodie Martin'],
      ['contacts.contact', 'name', 'Élodie Martin'],
      ['leads.lead', 'company', 'Menuiserie Martin'],
      ['accounts.account', 'company', 'Menuiserie Martin'],
    ])
  })
})

describe('keeps', () => {
  const [leadByName, , leadByCompany] = duplicateQueries({ lastName: 'Lécuyer', company: 'menuiserie' })

  it('keeps people with the same last name, whatever the accents and case', () => {
    expect(keeps(leadByName, { lastName: 'LECUYER', company: 'Garage Lécuyer' })).toBe(true)
    expect(keeps(leadByName, { lastName: 'Martin', company: 'Garage Lécuyer' })).toBe(false)
  })

  it('keeps companies whose name contains the one typed', () => {
    expect(keeps(leadByCompany, { company: 'Menuiserie Girard' })).toBe(true)
    expect(keeps(leadByCompany, { company: 'Plomberie Girard' })).toBe(false)
  })
})
