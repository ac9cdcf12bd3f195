/**
 * Renders a plugin's own page (`/p/<plugin>/<path>`), matching `:param` segments of its declared path.
 * @module
 */
import { useParams } from '@solidjs/router'
import { Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { useSession } from '../app/session-context'
import { NotFoundPage } from './not-found-page'

export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i])
    else if (want[i] !== got[i]) return undefined
  }
  return params
}

export function PluginPageHost() {
  const params = useParams<{ plugin: string; rest: string }>()
  const session = useSession()
  const match = () => {
    for (const page of session.runtime().pages()) {
      if (page.plugin !== params.plugin) continue
      const found = matchPath(page.path, params.rest ?? '')
      if (found) return { page, params: found }
    }
    return undefined
  }
  return (
    <Show when={match()} fallback={<NotFoundPage />}>
      {(m) => <Dynamic component={m().page.view} params={m().params} />}
    </Show>
  )
}
