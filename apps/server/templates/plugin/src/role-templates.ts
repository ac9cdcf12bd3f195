/**
 * What the built-in role templates grant on this plugin's entity when a tenant enables the plugin.
 * Tenant admins can change the roles afterwards; enabling again never overwrites their edits.
 * @module
 */
import type { RoleTemplate, RoleTemplateId } from '@comptoir/core'

const ref = '__id__.__entity__'

export const roleTemplates: Partial<Record<RoleTemplateId, RoleTemplate>> = {
  admin: {
    grants: {
      [`${ref}.read`]: 'all',
      [`${ref}.create`]: 'all',
      [`${ref}.update`]: 'all',
      [`${ref}.delete`]: 'all',
      [`${ref}.restore`]: 'all',
      [`${ref}.purge`]: 'all',
      [`${ref}.import`]: 'all',
      [`${ref}.export`]: 'all',
    },
  },
  'sales-manager': {
    grants: {
      [`${ref}.read`]: 'all',
      [`${ref}.create`]: 'all',
      [`${ref}.update`]: 'all',
      [`${ref}.delete`]: 'all',
      [`${ref}.restore`]: 'all',
      [`${ref}.export`]: 'all',
    },
  },
  'sales-rep': {
    grants: {
      [`${ref}.read`]: 'team',
      [`${ref}.create`]: 'own',
      [`${ref}.update`]: 'own',
      [`${ref}.delete`]: 'own',
      [`${ref}.restore`]: 'own',
    },
  },
  'read-only': { grants: { [`${ref}.read`]: 'all' } },
}
