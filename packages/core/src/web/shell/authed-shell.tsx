/**
 * Everything behind the login: loads the bootstrap and the enabled plugins' web parts, then lays out the
 * sidebar, the top bar and the page. An expired session sends the user back to the login page.
 * @module
 */
import { useLocation, useNavigate } from '@solidjs/router'
import { createEffect, createResource, type JSX, Match, onCleanup, Suspense, Switch } from 'solid-js'
import type { Bootstrap } from '../../records/metadata-types'
import { isApiError } from '../api/api-error'
import { request, setUnauthorizedHandler } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { createSession, SessionContext } from '../app/session-context'
import type { PluginLoaders } from '../plugins/define-web-plugin'
import { loadPlugins } from '../plugins/plugin-runtime'
import { ErrorState, Loading } from '../ui/states'
import { CommandPalette } from './command-palette'
import { Sidebar } from './sidebar'
import { TopBar } from './top-bar'

export function AuthedShell(props: { plugins: PluginLoaders; children?: JSX.Element }) {
  const i18n = useI18n()
  const navigate = useNavigate()
  const location = useLocation()
  const toLogin = () => {
    const next = location.pathname + location.search
    navigate(`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true })
  }
  setUnauthorizedHandler(toLogin)
  onCleanup(() => setUnauthorizedHandler(undefined))

  const [data, { refetch }] = createResource(async () => {
    const bootstrap = await request<Bootstrap>('/bootstrap')
    const runtime = await loadPlugins(
      props.plugins,
      bootstrap.plugins.map((p) => p.id),
    )
    return { bootstrap, runtime }
  })
  createEffect(() => {
    const d = data.latest
    if (!d) return
    i18n.setLocale(d.bootstrap.locale ?? d.bootstrap.user.locale)
    i18n.setCurrency(d.bootstrap.currency ?? 'EUR')
  })
  const logout = async () => {
    await request('/auth/logout', { method: 'POST' }).catch(() => undefined)
    navigate('/login', { replace: true })
  }
  return (
    <Switch>
      <Match when={data.latest}>
        <SessionContext.Provider
          value={createSession({
            bootstrap: () => data.latest!.bootstrap,
            runtime: () => data.latest!.runtime,
            reload: async () => {
              await refetch()
            },
            logout,
          })}
        >
          <a class="skip-link" href="#main">
            {i18n.t('shell.skipToContent')}
          </a>
          <div class="shell">
            <Sidebar />
            <div class="shell-main">
              <TopBar />
              <main id="main" class="page" tabindex="-1">
                <Suspense fallback={<Loading />}>{props.children}</Suspense>
              </main>
            </div>
          </div>
          <CommandPalette />
        </SessionContext.Provider>
      </Match>
      <Match when={data.error && !(isApiError(data.error) && data.error.status === 401)}>
        <div class="page-center">
          <ErrorState error={data.error} onRetry={() => refetch()} />
        </div>
      </Match>
      <Match when={true}>
        <div class="page-center">
          <Loading />
        </div>
      </Match>
    </Switch>
  )
}
