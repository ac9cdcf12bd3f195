/**
 * The signed-in session: the bootstrap (user, tenant, metadata, permissions, messages) and the web parts of
 * the enabled plugins, shared by every page behind the login.
 * @module
 */
import { type Accessor, createContext, createMemo, useContext } from 'solid-js'
import type { Bootstrap, EntityMeta } from '../../records/metadata-types'
import { createLabels, type Labels } from '../i18n/labels'
import type { PluginRuntime } from '../plugins/plugin-runtime'

export interface Session {
  bootstrap: Accessor<Bootstrap>
  labels: Accessor<Labels>
  runtime: Accessor<PluginRuntime>
  entity(ref: string): EntityMeta | undefined
  /** Whether the user may do `action` on the entity (scope other than `none`). */
  can(ref: string, action: string): boolean
  /** Refetches the bootstrap (after a language change or enabling a plugin). */
  reload(): Promise<void>
  logout(): Promise<void>
}

export const SessionContext = createContext<Session>()

export function createSession(opts: {
  bootstrap: Accessor<Bootstrap>
  runtime: Accessor<PluginRuntime>
  reload: () => Promise<void>
  logout: () => Promise<void>
}): Session {
  const labels = createMemo(() => createLabels(opts.bootstrap(), opts.bootstrap().locale))
  const entity = (ref: string) => opts.bootstrap().entities[ref]
  return {
    bootstrap: opts.bootstrap,
    labels,
    runtime: opts.runtime,
    entity,
    can: (ref, action) => {
      const b = opts.bootstrap()
      if (b.user.isAdmin) return true
      const scope = entity(ref)?.can?.[action] ?? b.permissions[`${ref}.${action}`]
      return scope !== undefined && scope !== 'none'
    },
    reload: opts.reload,
    logout: opts.logout,
  }
}

export function useSession(): Session {
  const ctx = useContext(SessionContext)
  if (!ctx) throw new Error('useSession() needs a signed-in session')
  return ctx
}
