/**
 * A slot contribution: in the visit's detail sidebar, a link that downloads the visit report PDF (the
 * server part's `visits.report` template). Sidebar contributions receive the entity ref and the record.
 * @module
 */
import { useSession } from '@comptoir/core/web'

export default function PrintReportLink(props: { entity: string; record: { id: string } }) {
  const session = useSession()
  return (
    <section class="panel">
      <a href={`/api/v1/records/${props.entity}/${props.record.id}/pdf/visits.report`}>
        {session.labels().msg('visits:slot.printReport')}
      </a>
    </section>
  )
}
