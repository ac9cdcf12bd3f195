/**
 * CSV imports an intruder runs into its own tenant that name the target's records — by id, by title, by a
 * trashed id, by a file id — as links, as the rows to update, or as the key to match. Each row must fail,
 * or create and change only the intruder's own records, with nothing pointing at the target.
 * @module
 */
import type { Side } from './cross-tenant-attempts'

export interface ImportAttempt {
  entity: string
  /** Query string of `POST /api/v1/import/:entity`, without `?`. */
  query: string
  csv: string
}

export function importAttempts(target: Side & { trashed: string }, own: Side): ImportAttempt[] {
  const acc = target.records['accounts.account']
  const con = target.records['contacts.contact']
  const stage = target.records['deals.stage']
  const out: ImportAttempt[] = []
  const add = (entity: string, query: string, header: string[], rows: string[][]) =>
    out.push({ entity, query, csv: [header, ...rows].map((r) => r.join(',')).join('\n') + '\n' })
  for (const mode of ['mode=create', 'mode=create&createMissing=true']) {
    add(
      'contacts.contact',
      mode,
      ['lastName', 'account'],
      [
        ['Intrus A', acc],
        ['Intrus B', `${target.label} Conseil`],
        ['Intrus C', target.trashed],
      ],
    )
    add(
      'contacts.contact',
      mode,
      ['lastName', 'reportsTo', 'photo'],
      [
        ['Intrus D', con, ''],
        ['Intrus E', '', target.book('file')!],
      ],
    )
    add(
      'deals.deal',
      mode,
      ['name', 'account', 'stage', 'closeDate', 'contact'],
      [
        ['Intrus F', acc, own.records['deals.stage'], '2027-01-31', ''],
        ['Intrus G', own.records['accounts.account'], stage, '2027-01-31', ''],
        ['Intrus H', own.records['accounts.account'], own.records['deals.stage'], '2027-01-31', con],
      ],
    )
    add(
      'accounts.account',
      mode,
      ['name', 'parentAccount', 'owner'],
      [
        ['Intrus I', acc, ''],
        ['Intrus J', '', target.adminId],
      ],
    )
  }
  add('contacts.contact', 'mode=update', ['id', 'lastName'], [[con, 'Intrus K']])
  add('accounts.account', 'mode=update', ['id', 'name'], [[acc, 'Intrus L']])
  add('accounts.account', 'mode=upsert&key=id', ['id', 'name'], [[acc, 'Intrus M']])
  add('leads.lead', 'mode=update', ['id', 'lastName'], [[target.records['leads.lead'], 'Intrus N']])
  return out
}
