/**
 * Mounts import (`/api/v1/import`) and export (`/api/v1/export`) on the authenticated API.
 * @module
 */
import type { Hono } from 'hono'
import { exportRoutes } from '../export/routes'
import type { AppEnv } from '../http/env'
import { importRoutes } from './routes'

export function mountImportExport(api: Hono<AppEnv>): void {
  api.route('/import', importRoutes())
  api.route('/export', exportRoutes())
}
