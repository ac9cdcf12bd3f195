import { isSiren, isSiret, validateRecord } from '@comptoir/core'
import { describe, expect, it } from 'vitest'
import { lead } from '../entities/lead'
import { LEAD_STATUSES } from '../entities/options'
import { generateLeads } from './demo-data'
import { convertsByHand, isConverted } from './lead-rules'

describe('generateLeads', () => {
  const leads = generateLeads()

  it('makes eighty leads at every status but converted', () => {
    expect(leads).toHaveLength(80)
    const statuses = new Set(leads.map((l) => l.status))
    expect([...statuses].sort()).toEqual(LEAD_STATUSES.filter((s) => s !== 'converted').sort())
    expect(leads.some(isConverted)).toBe(false)
  })

  it('produces records the lead entity accepts', () => {
    for (const l of leads) {
      expect(validateRecord(lead.fields, l).errors, l.company).toEqual([])
      expect(lead.validate?.(l, { op: 'create' }), l.company).toBeUndefined()
    }
  })

  it('gives valid identity numbers to the leads that have them', () => {
    const withSiren = leads.filter((l) => l.siren)
    expect(withSiren.length).toBeGreaterThan(10)
    for (const l of withSiren) {
      expect(isSiren(l.siren)).toBe(true)
      expect(isSiret(l.siret)).toBe(true)
    }
  })

  it('is the same on every run', () => {
    expect(generateLeads()).toEqual(leads)
  })
})

describe('lead rules', () => {
  it('tells converted leads apart', () => {
    expect(isConverted({ status: 'converted' })).toBe(true)
    expect(isConverted({ status: 'qualified', convertedAt: '2026-11-27T10:00:00.000Z' })).toBe(true)
    expect(isConverted({ status: 'qualified' })).toBe(false)
    expect(isConverted(undefined)).toBe(false)
  })

  it('spots a conversion typed by hand', () => {
    expect(convertsByHand({ status: 'converted' })).toBe(true)
    expect(convertsByHand({ status: 'converted', convertedAt: '2026-11-27T10:00:00.000Z' })).toBe(false)
  })
})
