/**
 * Route groups mounted on the authenticated API (`api`) and on the tenant admin API (`admin`), kept in
 * one list so each concern registers itself in one line.
 * @module
 */
import type { Hono } from 'hono'
import { mountAdministration } from '../admin/mount'
import { mountImportExport } from '../import/mount'
import type { AppEnv } from './env'

export type MountRoutes = (api: Hono<AppEnv>, admin: Hono<AppEnv>) => void

export const extraRoutes: MountRoutes[] = [mountAdministration, mountImportExport]
