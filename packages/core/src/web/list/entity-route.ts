/**
 * The entity a `/m/<plugin>/<entity>` address points at, if this tenant and user have it.
 * @module
 */
import { useParams } from '@solidjs/router'
import type { EntityMeta } from '../../records/metadata-types'
import { useSession } from '../app/session-context'

export function useEntityRoute(): {
  ref: () => string
  meta: () => EntityMeta | undefined
  id: () => string | undefined
} {
  const params = useParams<{ plugin: string; entity: string; id?: string }>()
  const session = useSession()
  const ref = () => `${params.plugin}.${params.entity}`
  return { ref, meta: () => session.entity(ref()), id: () => params.id }
}
