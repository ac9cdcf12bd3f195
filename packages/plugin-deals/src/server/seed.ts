/**
 * The default pipeline, written once per tenant: a tenant that already has stages keeps its own.
 * @module
 */
import type { RecordData } from '@comptoir/core'
import type { RequestContext, SeedContext } from '@comptoir/core/server'

export const DEFAULT_STAGES: readonly RecordData[] = [
  { name: 'Prospection', position: 10, probability: '10', kind: 'open' },
  { name: 'Qualification', position: 20, probability: '20', kind: 'open' },
  { name: 'Proposition', position: 30, probability: '50', kind: 'open' },
  { name: 'Négociation', position: 40, probability: '75', kind: 'open' },
  { name: 'Gagnée', position: 50, probability: '100', kind: 'won' },
  { name: 'Perdue', position: 60, probability: '0', kind: 'lost' },
]

export async function seedStages(ctx: RequestContext): Promise<void> {
  const stages = ctx.records('deals.stage')
  const existing = await stages.list({ limit: 1 })
  if (existing.data.length > 0) return
  for (const s of DEFAULT_STAGES) await stages.create(s, { system: true })
}

export async function seed({ ctx }: SeedContext): Promise<void> {
  await seedStages(ctx)
}
