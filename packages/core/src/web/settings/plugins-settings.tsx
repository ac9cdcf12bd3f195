/**
 * The plugins of the tenant's plan (`GET /api/v1/admin/plugins`): enable or disable each; when the server
 * refuses (a dependency), its explanation is shown next to the plugin.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

interface PluginRow {
  id: string
  version: string
  inPlan: boolean
  enabled: boolean
  dependsOn?: string[] | Record<string, string>
}

export function PluginsSettings() {
  const { t } = useI18n()
  const session = useSession()
  const [plugins, { refetch }] = createResource(async () =>
    rows(await request<PluginRow[] | { data: PluginRow[] }>('/admin/plugins')),
  )
  const [busy, setBusy] = createSignal('')
  const [problems, setProblems] = createSignal<Record<string, string>>({})
  const title = (id: string) => {
    const key = `${id}:plugin.title`
    return session.bootstrap().messages[key] ?? id
  }
  const deps = (p: PluginRow) => (Array.isArray(p.dependsOn) ? p.dependsOn : Object.keys(p.dependsOn ?? {}))
  const toggle = async (p: PluginRow) => {
    setBusy(p.id)
    setProblems({ ...problems(), [p.id]: '' })
    try {
      await request(`/admin/plugins/${encodeURIComponent(p.id)}/${p.enabled ? 'disable' : 'enable'}`, {
        method: 'POST',
      })
      notify(
        'success',
        p.enabled
          ? t('settings.pluginDisabled', { name: title(p.id) })
          : t('settings.pluginEnabled', { name: title(p.id) }),
      )
      await refetch()
      await session.reload()
    } catch (err) {
      setProblems({ ...problems(), [p.id]: errorText(err, t('error.generic')) })
    } finally {
      setBusy('')
    }
  }
  return (
    <section aria-labelledby="settings-title">
      <header class="page-header">
        <div>
          <h1 id="settings-title">{t('settings.plugins')}</h1>
          <p class="muted">{t('settings.pluginsIntro')}</p>
        </div>
      </header>
      <Show when={!plugins.error} fallback={<ErrorState error={plugins.error} onRetry={refetch} />}>
        <Show when={plugins.latest} fallback={<Loading />}>
          <ul class="plugin-list">
            <For each={plugins.latest}>
              {(p) => (
                <li class="card plugin-card" classList={{ disabled: !p.inPlan }}>
                  <div>
                    <h2 class="card-title">{title(p.id)}</h2>
                    <p class="muted">
                      <code>{p.id}</code> · {p.version}
                      <Show when={deps(p).length > 0}>
                        {' '}
                        · {t('settings.dependsOn', { list: deps(p).map(title).join(', ') })}
                      </Show>
                    </p>
                    <Show when={problems()[p.id]}>
                      <p class="form-error" role="alert">
                        {problems()[p.id]}
                      </p>
                    </Show>
                  </div>
                  <Show
                    when={p.inPlan}
                    fallback={<span class="chip chip-muted">{t('settings.notInPlan')}</span>}
                  >
                    <label class="switch">
                      <input
                        type="checkbox"
                        role="switch"
                        aria-checked={p.enabled}
                        checked={p.enabled}
                        disabled={busy() === p.id}
                        onChange={(e) => {
                          e.currentTarget.checked = p.enabled
                          void toggle(p)
                        }}
                      />
                      <span>{p.enabled ? t('settings.enabled') : t('settings.disabled')}</span>
                      <span class="visually-hidden"> {title(p.id)}</span>
                    </label>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  )
}
