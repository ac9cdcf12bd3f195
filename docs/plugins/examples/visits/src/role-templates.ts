/**
 * What the built-in role templates grant on visits when a tenant enables the plugin.
 * @module
 */
import type { RoleTemplate, RoleTemplateId } from '@comptoir/core'

export const roleTemplates: Partial<Record<RoleTemplateId, RoleTemplate>> = {
  'sales-manager': {
    grants: {
      'visits.visit.read': 'all',
      'visits.visit.create': 'all',
      'visits.visit.update': 'all',
      'visits.visit.delete': 'all',
      'visits.visit.restore': 'all',
      'visits.visit.complete': 'all',
    },
  },
  'sales-rep': {
    grants: {
      'visits.visit.read': 'team',
      'visits.visit.create': 'own',
      'visits.visit.update': 'own',
      'visits.visit.delete': 'own',
      'visits.visit.complete': 'own',
    },
  },
  'read-only': { grants: { 'visits.visit.read': 'all' } },
}
