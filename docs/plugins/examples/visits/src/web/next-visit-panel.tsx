/**
 * The account sidebar's "next visit" panel. Panels receive the entity ref and the record.
 * @module
 */
import { recordPath, request, useI18n, useSession } from '@comptoir/core/web'
import { createResource, Show } from 'solid-js'

interface NextVisit {
  visit: { id: string; subject: string; scheduledAt: string } | null
}

export default function NextVisitPanel(props: { entity: string; record: { id: string } }) {
  const session = useSession()
  const { fmt } = useI18n()
  const msg = (key: string) => session.labels().msg(`visits:${key}`)
  const [next] = createResource(
    () => props.record.id,
    (id) => request<NextVisit>(`/p/visits/accounts/${id}/next`),
  )
  return (
    <section class="panel" aria-label={msg('panel.nextVisit.title')}>
      <h2>{msg('panel.nextVisit.title')}</h2>
      <Show when={next()?.visit} fallback={<p>{msg('panel.nextVisit.none')}</p>}>
        {(v) => (
          <p>
            <a href={recordPath('visits.visit', v().id)}>{v().subject}</a> {fmt().dateTime(v().scheduledAt)}
          </p>
        )}
      </Show>
    </section>
  )
}
