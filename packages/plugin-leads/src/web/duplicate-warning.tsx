/**
 * The duplicate warning of a new lead: before it is saved, the leads, contacts and accounts it may
 * duplicate (same e-mail or phone, similar name or company) are listed with links, and the user creates
 * it anyway or goes back to the form. With no match, or when the check cannot run, the lead is saved.
 * @module
 */
import { type BeforeSaveProps, Modal, recordPath } from '@comptoir/core/web'
import { createEffect, createResource, For, Show } from 'solid-js'
import { getJson } from './api'
import { t } from './messages'

type MatchedOn = 'email' | 'phone' | 'name' | 'company'

interface Candidate {
  id: string
  title: string
  matchedOn: MatchedOn[]
}

interface Duplicates {
  leads: Candidate[]
  contacts: Candidate[]
  accounts: Candidate[]
}

const GROUPS = [
  ['leads', 'leads.lead'],
  ['contacts', 'contacts.contact'],
  ['accounts', 'accounts.account'],
] as const

const CRITERIA = ['email', 'phone', 'company', 'firstName', 'lastName'] as const

/** The query string of the duplicates endpoint, from the values typed in the form. */
export function duplicatesQuery(values: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const key of CRITERIA) {
    const v = values[key]
    if (typeof v === 'string' && v.trim()) params.set(key, v.trim())
  }
  return params.toString()
}

const total = (d: Duplicates) => d.leads.length + d.contacts.length + d.accounts.length

export default function DuplicateWarning(props: BeforeSaveProps) {
  const query = duplicatesQuery(props.values)
  const [found] = createResource(async (): Promise<Duplicates | null> => {
    if (!props.creating || !query) return null
    try {
      const d = await getJson<Duplicates>(`/p/leads/duplicates?${query}`)
      return total(d) ? d : null
    } catch {
      // A warning that cannot be computed never stops the user from saving.
      return null
    }
  })
  createEffect(() => {
    if (found.state === 'ready' && !found()) props.proceed()
  })
  return (
    <Show when={found.state === 'ready' && found()}>
      {(d) => (
        <Modal
          open
          onOpenChange={(open) => !open && props.cancel()}
          title={t('duplicates.title')}
          description={t('duplicates.description')}
          size="large"
          footer={
            <>
              <button type="button" class="button" onClick={() => props.cancel()}>
                {t('duplicates.cancel')}
              </button>
              <button type="button" class="button button-primary" onClick={() => props.proceed()}>
                {t('duplicates.createAnyway')}
              </button>
            </>
          }
        >
          <For each={GROUPS.filter(([group]) => d()[group].length)}>
            {([group, ref]) => (
              <section class="duplicate-group" aria-label={t(`duplicates.group.${group}`)}>
                <h3>{t(`duplicates.group.${group}`)}</h3>
                <ul>
                  <For each={d()[group]}>
                    {(c) => (
                      <li>
                        <a href={recordPath(ref, c.id)} target="_blank" rel="noopener">
                          {c.title}
                        </a>{' '}
                        <span class="muted">
                          {t('duplicates.matchedOn', {
                            criteria: c.matchedOn.map((m) => t(`duplicates.on.${m}`)).join(', '),
                          })}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </Modal>
      )}
    </Show>
  )
}
