import type { Locale } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import type { AuthInfo } from '../auth/auth-info'
import type { SessionCheck } from '../auth/sessions'

/** Hono environment of every Comptoir route. */
export interface AppEnv {
  Variables: {
    core: Core
    /** The request as the app received it, before any middleware replaced its body. */
    request: Request
    locale: Locale
    /** Set by the auth middleware on authenticated routes. */
    auth: AuthInfo
    /** A session to check again inside the request's transaction (see `cachedSession`). */
    sessionCheck?: SessionCheck
    /** Set by the tenant middleware: the request's transaction, tenant, user and rights. */
    ctx: RequestContext
  }
}
