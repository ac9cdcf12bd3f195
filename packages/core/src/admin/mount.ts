/**
 * Mounts accounts, administration and personal routes: `/auth` (my sessions, tokens, profile), `/views`
 * and `/notifications` for every user; users, teams, roles, access, audit, custom fields, numbering and
 * settings under `/admin`.
 * @module
 */
import { accountRoutes } from '../auth/account-routes'
import { customFieldRoutes } from '../custom-fields/custom-field-routes'
import type { MountRoutes } from '../http/extra-routes'
import { notificationRoutes } from '../notifications/notification-routes'
import { accessRoutes } from '../rights/access-routes'
import { settingsRoutes } from '../settings/settings-routes'
import { viewRoutes } from '../views/view-routes'
import { auditRoutes } from './audit-routes'
import { numberingRoutes } from './numbering-routes'
import { roleRoutes } from './role-routes'
import { teamRoutes } from './team-routes'
import { userRoutes } from './user-routes'

export const mountAdministration: MountRoutes = function mountAdministration(api, admin) {
  api.route('/auth', accountRoutes())
  api.route('/views', viewRoutes())
  api.route('/notifications', notificationRoutes())
  admin.route('/users', userRoutes())
  admin.route('/teams', teamRoutes())
  admin.route('/roles', roleRoutes())
  admin.route('/access', accessRoutes())
  admin.route('/audit', auditRoutes())
  admin.route('/custom-fields', customFieldRoutes())
  admin.route('/numbering', numberingRoutes())
  admin.route('/settings', settingsRoutes())
}
