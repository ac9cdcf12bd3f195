/**
 * A closed-loop mixed workload: simulated users, each signed in with their own session, each doing
 * 70 % reads, 20 % writes and 10 % searches back to back, with every latency and every error recorded.
 * @module
 */
import type { SessionClient } from './session-client'

export interface Sample {
  at: number
  ms: number
  kind: 'read' | 'write' | 'search'
}

export interface WorkloadResult {
  samples: Sample[]
  errors: string[]
}

export interface VirtualUser {
  client: SessionClient
  accounts: string[]
  /** Contacts this user created (and alone updates, so no write conflicts with the others). */
  own: { id: string; version: number }[]
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]

async function step(u: VirtualUser): Promise<{ kind: Sample['kind']; status: number; path: string }> {
  const r = Math.random()
  if (r < 0.7) {
    const which = Math.floor(Math.random() * 4)
    const path =
      which === 0
        ? '/api/v1/records/accounts.account?limit=50&sort=name'
        : which === 1
          ? `/api/v1/records/accounts.account/${pick(u.accounts)}`
          : which === 2
            ? `/api/v1/records/contacts.contact?filter[account][eq]=${pick(u.accounts)}`
            : `/api/v1/records/accounts.account/${pick(u.accounts)}/related/contacts.contact.account`
    return { kind: 'read', status: (await u.client.request('GET', path)).status, path }
  }
  if (r < 0.9) {
    if (u.own.length && Math.random() < 0.5) {
      const c = pick(u.own)
      const path = `/api/v1/records/contacts.contact/${c.id}`
      const res = await u.client.request('PATCH', path, { version: c.version, title: `Poste ${Date.now()}` })
      if (res.status === 200) c.version = res.body.version
      return { kind: 'write', status: res.status, path }
    }
    const path = '/api/v1/records/contacts.contact'
    const res = await u.client.request('POST', path, {
      lastName: `Charge ${Date.now()}`,
      account: pick(u.accounts),
    })
    if (res.status === 201) u.own.push({ id: res.body.id, version: res.body.version })
    return { kind: 'write', status: res.status, path }
  }
  const path = `/api/v1/search?q=${pick(['dupont', 'conseil', 'martin', 'charge', 'elodie'])}`
  return { kind: 'search', status: (await u.client.request('GET', path)).status, path }
}

/** Runs every user in a loop until `ms` have passed. */
export async function runWorkload(users: VirtualUser[], ms: number): Promise<WorkloadResult> {
  const samples: Sample[] = []
  const errors: string[] = []
  const start = Date.now()
  await Promise.all(
    users.map(async (u) => {
      while (Date.now() - start < ms) {
        const t0 = performance.now()
        try {
          const s = await step(u)
          samples.push({ at: Date.now() - start, ms: performance.now() - t0, kind: s.kind })
          if (s.status >= 400) errors.push(`${s.status} ${s.path}`)
        } catch (e) {
          errors.push(`network: ${(e as Error).message}`)
        }
      }
    }),
  )
  return { samples, errors }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
