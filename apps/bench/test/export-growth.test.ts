import { describe, expect, it } from 'vitest'
import { growthAfterFirstQuarter } from '../src/measures/export'

const samples = (rss: number[]) => rss.map((v, i) => ({ rows: (i * 1000) / rss.length, rss: v }))

describe('export memory growth after the first quarter', () => {
  it('shows memory that follows the rows', () => {
    const r = growthAfterFirstQuarter(100, samples([100, 110, 130, 150, 170, 190, 210, 230]), 1000)
    expect(r.early).toBe(110)
    expect(r.late).toBe(230)
    expect(r.growth).toBeCloseTo(120 / 110)
  })

  it('does not count garbage collected early in the export and back later as growth', () => {
    const r = growthAfterFirstQuarter(231, samples([231, 192, 200, 215, 228, 235, 220, 234]), 1000)
    expect(r.early).toBe(231)
    expect(r.late).toBe(235)
    expect(r.growth).toBeCloseTo(4 / 231)
  })

  it('is negative when memory only went down', () => {
    expect(growthAfterFirstQuarter(200, samples([200, 190, 180, 170]), 1000).growth).toBeCloseTo(-0.05)
  })
})
