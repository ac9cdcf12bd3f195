import { describe, expect, it } from 'vitest'
import { applyStageRules, type StageInfo, stageToCheck } from './stage-rules'

const proposal: StageInfo = { id: 's-proposal', probability: '50.00', kind: 'open' }
const lost: StageInfo = { id: 's-lost', probability: '0.00', kind: 'lost' }
const before = { stage: { id: 's-qualif', title: 'Qualification' }, probability: '20.00', lostReason: null }

describe('applyStageRules on create', () => {
  it('gives a new deal the probability of its stage', () => {
    const data: Record<string, unknown> = { stage: 's-proposal', probability: null }
    expect(applyStageRules(data, undefined, proposal)).toEqual([])
    expect(data.probability).toBe('50.00')
  })

  it('keeps a probability the user chose', () => {
    const data: Record<string, unknown> = { stage: 's-proposal', probability: '35' }
    applyStageRules(data, undefined, proposal)
    expect(data.probability).toBe('35')
  })

  it('requires a lost reason in a lost stage', () => {
    expect(applyStageRules({ stage: 's-lost', lostReason: '  ' }, undefined, lost)).toEqual([
      { path: 'lostReason', code: 'required_when_lost' },
    ])
    expect(applyStageRules({ stage: 's-lost', lostReason: 'Prix trop élevé' }, undefined, lost)).toEqual([])
  })
})

describe('applyStageRules on update (merged record)', () => {
  it('moves the probability with the stage', () => {
    const data: Record<string, unknown> = { ...before, stage: 's-proposal' }
    applyStageRules(data, before, proposal)
    expect(data.probability).toBe('50.00')
  })

  it('keeps a probability set by the same update', () => {
    const data: Record<string, unknown> = { ...before, stage: 's-proposal', probability: '60' }
    applyStageRules(data, before, proposal)
    expect(data.probability).toBe('60')
  })

  it('leaves a chosen probability alone while the stage stays', () => {
    const stored = { ...before, stage: { id: 's-proposal' }, probability: '65.00' }
    const data: Record<string, unknown> = { ...stored, amount: '100' }
    applyStageRules(data, stored, proposal)
    expect(data.probability).toBe('65.00')
  })

  it('restores the stage probability when the user clears it', () => {
    const stored = { ...before, stage: { id: 's-proposal' } }
    const data: Record<string, unknown> = { ...stored, probability: null }
    applyStageRules(data, stored, proposal)
    expect(data.probability).toBe('50.00')
  })

  it('requires a lost reason when the deal moves to a lost stage or loses its reason', () => {
    expect(applyStageRules({ ...before, stage: 's-lost' }, before, lost)).toHaveLength(1)
    const stored = { stage: { id: 's-lost' }, probability: '0.00', lostReason: 'Concurrent retenu' }
    expect(applyStageRules({ ...stored, amount: '10' }, stored, lost)).toEqual([])
    expect(applyStageRules({ ...stored, lostReason: null }, stored, lost)).toHaveLength(1)
  })
})

describe('stageToCheck', () => {
  it('names the stage the deal ends in', () => {
    expect(stageToCheck({ stage: 's-lost' }, undefined)).toBe('s-lost')
    expect(stageToCheck({ ...before, lostReason: 'x' }, before)).toBe('s-qualif')
    expect(stageToCheck({ ...before, stage: 's-lost' }, before)).toBe('s-lost')
  })

  it('skips updates that touch none of the stage rules', () => {
    expect(
      stageToCheck({ ...before, stage: 's-qualif', probability: '20', amount: '100' }, before),
    ).toBeNull()
  })
})
