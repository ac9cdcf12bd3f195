import { describe, expect, it } from 'vitest'
import { duplicateQueries } from './duplicate-queries'

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

  it('compares people by full name and companies by name, without accents or case', () => {
    const queries = duplicateQueries({
      firstName: 'Élodie',
      lastName: 'Martin',
      company: 'Menuiserie Martin',
    })
    expect(queries.map((q) => [q.ref, q.on, q.similar])).toEqual([
      ['leads.lead', 'name', { fields: ['firstName', 'lastName'], value: 'elodie martin' }],
      ['contacts.contact', 'name', { fields: ['firstName', 'lastName'], value: 'elodie martin' }],
      ['leads.lead', 'company', { fields: ['company'], value: 'menuiserie martin', contains: true }],
      ['accounts.account', 'company', { fields: ['name'], value: 'menuiserie martin', contains: true }],
    ])
  })

  it('compares last names only when no first name is typed', () => {
    const [byName] = duplicateQueries({ lastName: ' Lécuyer ' })
    expect(byName.similar).toEqual({ fields: ['lastName'], value: 'lecuyer' })
  })
})
