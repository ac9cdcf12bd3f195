/**
 * The web app: routes of the shell and the generic pages, each page loaded on first visit.
 * @module
 */
import './styles.css'
import { Route, Router } from '@solidjs/router'
import { type Component, type JSX, lazy } from 'solid-js'
import { render } from 'solid-js/web'
import type { Locale } from '../plugin/define-plugin'
import { I18nProvider } from './app/i18n-context'
import type { PluginLoaders } from './plugins/define-web-plugin'
import { AuthedShell } from './shell/authed-shell'
import { HomePage } from './shell/home-page'
import { NotFoundPage } from './shell/not-found-page'
import { ToastRegion } from './ui/toaster'

function page<K extends string>(load: () => Promise<Record<K, Component<any>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }))
}

const LoginPage = page(() => import('./shell/login-page'), 'LoginPage')
const ListPage = page(() => import('./list/list-page'), 'ListPage')
const DetailPage = page(() => import('./detail/detail-page'), 'DetailPage')
const FormPage = page(() => import('./form/form-page'), 'FormPage')
const TrashPage = page(() => import('./trash/trash-page'), 'TrashPage')
const AccountPage = page(() => import('./account/account-page'), 'AccountPage')
const SettingsRoutes = page(() => import('./settings/settings-routes'), 'SettingsRoutes')
const PluginPageHost = page(() => import('./shell/plugin-page-host'), 'PluginPageHost')

export interface AppProps {
  /** `virtual:comptoir/plugins`: the installed plugins' web parts, loaded only when enabled. */
  plugins?: PluginLoaders
  /** Forces the language before login (tests); otherwise the browser's, then the user's. */
  locale?: Locale
}

function Root(props: { children?: JSX.Element }) {
  return (
    <>
      {props.children}
      <ToastRegion />
    </>
  )
}

export function App(props: AppProps) {
  const Shell = (p: { children?: JSX.Element }) => (
    <AuthedShell plugins={props.plugins ?? {}}>{p.children}</AuthedShell>
  )
  return (
    <I18nProvider locale={props.locale}>
      <Router root={Root}>
        <Route path="/login" component={LoginPage} />
        <Route path="/" component={Shell}>
          <Route path="/" component={HomePage} />
          <Route path="/m/:plugin/:entity" component={ListPage} />
          <Route path="/m/:plugin/:entity/new" component={FormPage} />
          <Route path="/m/:plugin/:entity/:id" component={DetailPage} />
          <Route path="/m/:plugin/:entity/:id/edit" component={FormPage} />
          <Route path="/trash" component={TrashPage} />
          <Route path="/account" component={AccountPage} />
          <Route path="/settings/*section" component={SettingsRoutes} />
          <Route path="/p/:plugin/*rest" component={PluginPageHost} />
          <Route path="*404" component={NotFoundPage} />
        </Route>
      </Router>
    </I18nProvider>
  )
}

/**
 * Renders the app into `element`.
 * @example
 * import plugins from 'virtual:comptoir/plugins'
 * mountApp(document.getElementById('app')!, { plugins })
 */
export function mountApp(element: HTMLElement, props: AppProps = {}): () => void {
  return render(() => <App {...props} />, element)
}
