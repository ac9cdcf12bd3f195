/**
 * The home page: a greeting and the dashboard widgets plugins contribute.
 * @module
 */
import { Show } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { Slot } from '../plugins/slot'
import { EmptyState } from '../ui/states'

export function HomePage() {
  const { t } = useI18n()
  const session = useSession()
  const hasWidgets = () => session.runtime().slot('dashboard.widgets').length > 0
  return (
    <div class="home">
      <header class="page-header">
        <h1>{t('home.greeting', { name: session.bootstrap().user.name })}</h1>
      </header>
      <Show when={hasWidgets()} fallback={<EmptyState title={t('home.empty')} hint={t('home.emptyHint')} />}>
        <div class="dashboard-grid">
          <Slot name="dashboard.widgets" />
        </div>
      </Show>
    </div>
  )
}
