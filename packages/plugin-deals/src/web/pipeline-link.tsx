/**
 * The deals list's toolbar button to the pipeline, carrying the list's search and filters along.
 * @module
 */
import { type FilterRow, useI18n, useSession } from '@comptoir/core/web'
import { viewQuery } from './pipeline-data'
import { pipelineText } from './pipeline-text'

export default function PipelineLink(props: { criteria?: { q?: string; filters?: FilterRow[] } }) {
  const session = useSession()
  const { locale } = useI18n()
  const t = () => pipelineText((key) => session.bootstrap().messages[key], locale())
  return (
    <a
      class="button"
      href={`/p/deals/pipeline${viewQuery(props.criteria?.q, props.criteria?.filters ?? [])}`}
    >
      {t()('pipeline.title')}
    </a>
  )
}
