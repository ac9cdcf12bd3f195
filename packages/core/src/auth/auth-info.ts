import type { Locale } from '../plugin/define-plugin'

export interface TenantInfo {
  id: string
  slug: string
  name: string
  plan: string
  status: 'active' | 'suspended'
  locale: Locale
}

export interface UserInfo {
  id: string
  email: string
  name: string
  isAdmin: boolean
  locale: Locale
}

/** Who is calling: resolved from the session cookie or the API token before any tenant data is read. */
export interface AuthInfo {
  tenant: TenantInfo
  user: UserInfo
  via: 'session' | 'token'
  /** Hash of the session token (its id), for rotation and logout. */
  sessionId?: string
  tokenId?: string
}
