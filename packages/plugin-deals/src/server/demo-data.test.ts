import { validateRecord } from '@comptoir/core'
import { describe, expect, it } from 'vitest'
import { deal } from '../entities/deal'
import { generateDeals, type StageSeed, stagePlan } from './demo-data'

const uuid = (n: number) => `0193a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`
const stages: StageSeed[] = [
  { id: uuid(901), position: 10, kind: 'open' },
  { id: uuid(902), position: 20, kind: 'open' },
  { id: uuid(903), position: 30, kind: 'open' },
  { id: uuid(904), position: 40, kind: 'open' },
  { id: uuid(905), position: 50, kind: 'won' },
  { id: uuid(906), position: 60, kind: 'lost' },
]
const accounts = Array.from({ length: 30 }, (_, i) => ({
  id: uuid(i),
  type: i % 2 ? 'customer' : 'prospect',
}))
const contacts = new Map(accounts.map((a, i) => [a.id, [uuid(500 + i)]]))
const today = new Date('2026-11-27T10:00:00Z')
const kindOf = (id: string) => stages.find((s) => s.id === id)!.kind

describe('generateDeals', () => {
  const deals = generateDeals(accounts, contacts, stages, today)

  it('makes forty deals across every stage', () => {
    expect(deals).toHaveLength(40)
    for (const s of stages) expect(deals.some((d) => d.stage === s.id)).toBe(true)
  })

  it('produces records the deal entity accepts', () => {
    for (const d of deals) expect(validateRecord(deal.fields, d).errors, d.name).toEqual([])
  })

  it('dates open deals in the future and closed ones in the past', () => {
    const now = today.toISOString().slice(0, 10)
    for (const d of deals) {
      if (kindOf(d.stage) === 'open') expect(d.closeDate > now).toBe(true)
      else expect(d.closeDate < now).toBe(true)
    }
  })

  it('explains every lost deal and picks a contact of the deal’s account', () => {
    for (const d of deals) {
      if (kindOf(d.stage) === 'lost') expect(d.lostReason).toBeTruthy()
      expect(contacts.get(d.account)).toContain(d.contact)
    }
  })

  it('is the same on every run', () => {
    expect(generateDeals(accounts, contacts, stages, today)).toEqual(deals)
  })
})

describe('stagePlan', () => {
  it('keeps most deals open and spreads them in order', () => {
    const plan = stagePlan(stages, 40)
    expect(plan).toHaveLength(40)
    expect(plan.filter((s) => s.kind === 'won')).toHaveLength(6)
    expect(plan.filter((s) => s.kind === 'lost')).toHaveLength(4)
  })
})
