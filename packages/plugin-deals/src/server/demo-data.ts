/**
 * Demo deals: pure and deterministic (a seeded generator). Forty deals over the accounts, spread across
 * the pipeline; open deals close in the coming months, won and lost ones closed in the past ones.
 * @module
 */
import type { RecordData } from '@comptoir/core'
import { LEAD_SOURCES } from '@comptoir/plugin-contacts'
import { createRandom, type Random } from '@comptoir/core/server'

export interface AccountSeed {
  id: string
  type?: string | null
}

export interface StageSeed {
  id: string
  position: number
  kind: string
}

const SUBJECTS = [
  { name: 'Contrat de maintenance annuel', min: 1_800, max: 12_000 },
  { name: 'Refonte du site internet', min: 4_500, max: 28_000 },
  { name: 'Équipement de l’atelier', min: 8_000, max: 85_000 },
  { name: 'Formation des équipes', min: 1_500, max: 9_500 },
  { name: 'Renouvellement du parc informatique', min: 6_000, max: 48_000 },
  { name: 'Audit énergétique', min: 2_500, max: 14_000 },
  { name: 'Aménagement des bureaux', min: 7_500, max: 62_000 },
  { name: 'Fournitures et consommables 2027', min: 1_500, max: 18_000 },
  { name: 'Déploiement du logiciel de gestion', min: 5_000, max: 36_000 },
  { name: 'Campagne de communication de printemps', min: 3_000, max: 22_000 },
  { name: 'Extension de garantie', min: 1_500, max: 6_500 },
  { name: 'Accompagnement RGPD', min: 2_000, max: 11_000 },
  { name: 'Étude de faisabilité', min: 3_500, max: 16_000 },
  { name: 'Location longue durée de véhicules', min: 12_000, max: 80_000 },
] as const

const NEXT_STEPS = [
  'Relancer par téléphone',
  'Envoyer la proposition commerciale',
  'Rendez-vous de présentation',
  'Démonstration sur site',
  'Attendre le retour du comité de direction',
  'Visite de l’atelier',
] as const

const LOST_REASONS = [
  'Prix trop élevé',
  'Concurrent retenu',
  'Projet reporté à l’an prochain',
  'Pas de budget cette année',
  'Pas de réponse malgré les relances',
] as const

/** How many of `total` deals each stage gets: 15 % won, 10 % lost, the rest over the open stages. */
export function stagePlan(stages: readonly StageSeed[], total: number): StageSeed[] {
  const sorted = [...stages].sort((a, b) => a.position - b.position)
  const open = sorted.filter((s) => s.kind === 'open')
  const won = sorted.filter((s) => s.kind === 'won')
  const lost = sorted.filter((s) => s.kind === 'lost')
  const wonCount = won.length ? Math.round(total * 0.15) : 0
  const lostCount = lost.length ? Math.round(total * 0.1) : 0
  const openCount = open.length ? total - wonCount - lostCount : 0
  const pick = (group: StageSeed[], n: number) => Array.from({ length: n }, (_, i) => group[i % group.length])
  return [...pick(open, openCount), ...pick(won, wonCount), ...pick(lost, lostCount)]
}

function isoDate(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

function closeDate(stage: StageSeed, rank: number, today: Date, random: Random): string {
  if (stage.kind === 'won') return isoDate(today, -random.int(3, 150))
  if (stage.kind === 'lost') return isoDate(today, -random.int(5, 180))
  // Later stages close sooner.
  return isoDate(today, random.int(7, 45) + Math.max(0, 3 - rank) * random.int(10, 30))
}

/**
 * `total` deals over `accounts`, with a contact of the account when it has one. `today` anchors the dates.
 */
export function generateDeals(
  accounts: readonly AccountSeed[],
  contactsByAccount: ReadonlyMap<string, readonly string[]>,
  stages: readonly StageSeed[],
  today: Date,
  total = 40,
  seed = 20261127,
): RecordData[] {
  const random = createRandom(seed)
  const open = [...stages].filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position)
  return stagePlan(stages, total).map((stage) => {
    const account = random.pick(accounts)
    const subject = random.pick(SUBJECTS)
    const contacts = contactsByAccount.get(account.id) ?? []
    const rank = open.indexOf(stage)
    return {
      name: subject.name,
      account: account.id,
      contact: contacts.length ? random.pick(contacts) : null,
      type: account.type === 'customer' ? 'existing_business' : 'new_business',
      leadSource: account.type === 'customer' ? 'existing_customer' : random.pick(LEAD_SOURCES),
      stage: stage.id,
      amount: (Math.round(random.int(subject.min, subject.max) / 50) * 50).toFixed(2),
      closeDate: closeDate(stage, rank, today, random),
      nextStep: stage.kind === 'open' ? random.pick(NEXT_STEPS) : null,
      lostReason: stage.kind === 'lost' ? random.pick(LOST_REASONS) : null,
    }
  })
}
